package io.clientele.client.model;

import java.util.List;

/**
 * Everything the profile page shows, loaded in one call: the client, the labels and groups it
 * belongs to (resolved from the catalogs) and its notes, newest first.
 *
 * <p>Immutable and thread-safe.
 */
public record ClientProfile(Client client, List<Label> labels, List<ClientGroup> groups, List<Note> notes) {
    public ClientProfile {
        labels = List.copyOf(labels);
        groups = List.copyOf(groups);
        notes = List.copyOf(notes);
    }
}
