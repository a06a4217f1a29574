/**
 * The profile context's use case: the whole profile of one client, every section of the profile
 * page, in one call ({@link io.clientele.profile.service.ProfileService#view}). It sits on top of
 * the other contexts and reads through their ports; nothing depends on it but the facade.
 * Stateless and thread-safe, obtained from {@code Clientele.profiles()}.
 */
@NullMarked
package io.clientele.profile.service;

import org.jspecify.annotations.NullMarked;
