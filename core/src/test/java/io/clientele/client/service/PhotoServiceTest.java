package io.clientele.client.service;

import static io.clientele.testing.TestClientele.OTHER_OWNER;
import static io.clientele.testing.TestClientele.MANAGER;
import static io.clientele.testing.TestClientele.NOBODY;
import static io.clientele.testing.TestClientele.OTHER_TENANT;
import static io.clientele.testing.TestClientele.OWNER;
import static io.clientele.testing.TestClientele.TENANT;
import static io.clientele.testing.TestClientele.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.audit.model.AuditAction;
import io.clientele.audit.model.AuditEntry;
import io.clientele.audit.model.FieldChange;
import io.clientele.client.model.Client;
import io.clientele.client.model.ImageType;
import io.clientele.client.model.PhotoRef;
import io.clientele.common.AccessDeniedException;
import io.clientele.common.NotFoundException;
import io.clientele.common.Permission;
import io.clientele.common.ValidationException;
import io.clientele.testing.Images;
import io.clientele.testing.MutableClock;
import io.clientele.testing.TestClientele;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PhotoServiceTest {

    private final TestClientele t = new TestClientele();
    private final PhotoService photos = t.clientele.photos();

    static Stream<Arguments> acceptedImages() {
        return Stream.of(
                Arguments.of("jpeg", Images.jpeg(), ImageType.JPEG),
                Arguments.of("png", Images.png(), ImageType.PNG),
                Arguments.of("webp", Images.webp(), ImageType.JPEG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedImages")
    void an_accepted_image_is_stored_re_encoded_and_can_be_loaded(String what, byte[] bytes, ImageType stored) {
        Client ana = t.ana();

        PhotoRef ref = photos.upload(MANAGER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(bytes)).photo().orElseThrow();

        byte[] kept = t.memory.photos().load(TENANT, ref.key()).orElseThrow();
        assertThat(ref.type()).isEqualTo(stored);
        assertThat(ImageType.detect(kept)).contains(stored);
        assertThat(ref.sizeBytes()).isEqualTo(kept.length);
        assertThat(Images.decode(kept).getWidth()).isEqualTo(Images.WIDTH);
        assertThat(Images.decode(kept).getHeight()).isEqualTo(Images.HEIGHT);
        Client reloaded = t.reload(ana.id());
        assertThat(reloaded.photo()).contains(ref);
        assertThat(reloaded.version()).isEqualTo(ana.version() + 1);
        assertThat(photos.load(VIEWER, TENANT, ana.id())).contains(new PhotoService.Photo(stored, kept));
        AuditEntry entry = t.lastAudit(AuditAction.PHOTO_UPLOADED);
        assertThat(entry.clientId()).isEqualTo(ana.id());
        assertThat(entry.actor()).isEqualTo(MANAGER.describe());
        assertThat(entry.changes()).containsExactly(new FieldChange("photo", Optional.empty(),
                Optional.of(stored.mediaType() + ", " + kept.length + " bytes")));
    }

    @Test
    void a_client_without_a_photo_loads_none() {
        Client ana = t.ana();

        assertThat(photos.load(VIEWER, TENANT, ana.id())).isEmpty();
    }

    @Test
    void replacing_a_photo_deletes_the_old_bytes_and_audits_the_replacement() {
        Client ana = t.ana();
        PhotoRef first = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(Images.png())).photo().orElseThrow();
        int firstSize = t.memory.photos().load(TENANT, first.key()).orElseThrow().length;

        PhotoRef second = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(Images.jpeg())).photo().orElseThrow();

        byte[] kept = t.memory.photos().load(TENANT, second.key()).orElseThrow();
        assertThat(second.key()).isNotEqualTo(first.key());
        assertThat(t.memory.photos().load(TENANT, first.key())).isEmpty();
        assertThat(t.memory.photos().size()).isEqualTo(1);
        assertThat(t.reload(ana.id()).photo()).contains(second);
        assertThat(photos.load(OWNER, TENANT, ana.id())).contains(new PhotoService.Photo(ImageType.JPEG, kept));
        AuditEntry entry = t.lastAudit(AuditAction.PHOTO_REPLACED);
        assertThat(entry.changes()).containsExactly(new FieldChange("photo",
                Optional.of("image/png, " + firstSize + " bytes"),
                Optional.of("image/jpeg, " + kept.length + " bytes")));
    }

    @Test
    void removing_a_photo_deletes_its_bytes_and_audits_the_removal() {
        Client ana = t.ana();
        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(Images.webp("transparent-lossless"))).photo().orElseThrow();
        int size = t.memory.photos().load(TENANT, ref.key()).orElseThrow().length;

        photos.remove(MANAGER, TENANT, ana.id(), t.clientVersion(ana.id()));

        assertThat(t.reload(ana.id()).photo()).isEmpty();
        assertThat(t.memory.photos().load(TENANT, ref.key())).isEmpty();
        assertThat(t.memory.photos().size()).isZero();
        assertThat(photos.load(OWNER, TENANT, ana.id())).isEmpty();
        AuditEntry entry = t.lastAudit(AuditAction.PHOTO_REMOVED);
        assertThat(entry.changes()).containsExactly(
                new FieldChange("photo", Optional.of("image/png, " + size + " bytes"), Optional.empty()));
    }

    @Test
    void removing_when_there_is_no_photo_changes_nothing() {
        Client ana = t.ana();
        Map<String, List<String>> before = t.storedState();

        photos.remove(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()));

        assertThat(t.storedState()).isEqualTo(before);
    }

    static Stream<Arguments> refusedUploads() {
        return Stream.of(
                Arguments.of("svg", Images.svg(), "unsupported_type"),
                Arguments.of("plain text", "hello, this is not an image".getBytes(StandardCharsets.UTF_8),
                        "unsupported_type"),
                Arguments.of("png signature cut short", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "unsupported_type"),
                Arguments.of("empty", new byte[0], "required"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedUploads")
    void an_upload_that_is_not_jpeg_png_or_webp_is_refused_and_changes_nothing(String what, byte[] bytes,
            String rule) {
        Client ana = t.ana();
        Map<String, List<String>> before = t.storedState();

        ValidationException e = catchThrowableOfType(() -> photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()), stream(bytes)),
                ValidationException.class);

        assertThat(e.field()).isEqualTo("photo");
        assertThat(e.rule()).isEqualTo(rule);
        assertNothingChanged(ana, before);
    }

    @Test
    void a_refused_replacement_keeps_the_current_photo() {
        Client ana = t.ana();
        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(Images.png())).photo().orElseThrow();
        Client withPhoto = t.reload(ana.id());
        Map<String, List<String>> before = t.storedState();

        assertThatThrownBy(() -> photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()), stream(Images.svg())))
                .isInstanceOf(ValidationException.class);

        assertThat(t.reload(ana.id())).isEqualTo(withPhoto);
        assertThat(t.memory.photos().load(TENANT, ref.key())).isPresent();
        assertThat(t.storedState()).isEqualTo(before);
    }

    @Test
    void a_photo_over_the_size_limit_is_refused_and_changes_nothing() {
        InMemoryAdapters memory = InMemoryAdapters.create();
        Clientele small = memory.installInto(Clientele.builder()).invitations(TestClientele.INVITATIONS).clock(MutableClock.standard())
                .photoMaxBytes(1000).build();
        Client ana = small.clients().create(OWNER, TENANT, ClientDetails.named("Ana", "López"));

        ValidationException e = catchThrowableOfType(
                () -> small.photos().upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()), stream(Images.pngOfSize(1001))),
                ValidationException.class);

        assertThat(e.field()).isEqualTo("photo");
        assertThat(e.rule()).isEqualTo("max_size");
        assertThat(memory.photos().size()).isZero();
        assertThat(small.clients().get(OWNER, TENANT, ana.id())).isEqualTo(ana);
        assertThat(memory.audit().all(TENANT)).extracting(AuditEntry::action)
                .containsExactly(AuditAction.CLIENT_CREATED);
    }

    @Test
    void an_oversized_upload_is_read_no_further_than_the_limit_plus_one_byte() {
        InMemoryAdapters memory = InMemoryAdapters.create();
        Clientele small = memory.installInto(Clientele.builder()).invitations(TestClientele.INVITATIONS).clock(MutableClock.standard())
                .photoMaxBytes(1000).build();
        Client ana = small.clients().create(OWNER, TENANT, ClientDetails.named("Ana", "López"));
        CountingStream upload = new CountingStream(Images.pngOfSize(100_000));

        assertThatThrownBy(() -> small.photos().upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()), upload))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.rule()).isEqualTo("max_size"));

        assertThat(upload.consumed).as("bytes read from the upload").isLessThanOrEqualTo(1001);
    }

    @Test
    void a_photo_of_exactly_the_size_limit_is_accepted() {
        InMemoryAdapters memory = InMemoryAdapters.create();
        Clientele small = memory.installInto(Clientele.builder()).invitations(TestClientele.INVITATIONS).clock(MutableClock.standard())
                .photoMaxBytes(1000).build();
        Client ana = small.clients().create(OWNER, TENANT, ClientDetails.named("Ana", "López"));

        PhotoRef ref = small.photos().upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(Images.jpegOfSize(1000))).photo().orElseThrow();

        assertThat(ref.type()).isEqualTo(ImageType.JPEG);
        assertThat(memory.photos().size()).isEqualTo(1);
        assertThat(small.clients().get(OWNER, TENANT, ana.id()).photo()).contains(ref);
    }

    @Test
    void staff_without_the_edit_permission_cannot_upload_or_remove_and_nothing_changes() {
        Client ana = t.ana();
        photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()), stream(Images.png()));
        Client withPhoto = t.reload(ana.id());
        Map<String, List<String>> before = t.storedState();

        assertThatThrownBy(() -> photos.upload(VIEWER, TENANT, ana.id(), t.clientVersion(ana.id()), stream(Images.jpeg())))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.permission()).contains(Permission.EDIT_CLIENTS));
        assertThatThrownBy(() -> photos.remove(VIEWER, TENANT, ana.id(), t.clientVersion(ana.id())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> photos.load(NOBODY, TENANT, ana.id()))
                .isInstanceOfSatisfying(AccessDeniedException.class,
                        e -> assertThat(e.permission()).contains(Permission.VIEW_CLIENTS));

        assertThat(t.reload(ana.id())).isEqualTo(withPhoto);
        assertThat(t.storedState()).isEqualTo(before);
    }

    @Test
    void a_client_of_another_tenant_is_not_found_for_upload_remove_and_load() {
        Client ana = t.ana();
        PhotoRef ref = photos.upload(OWNER, TENANT, ana.id(), t.clientVersion(ana.id()),
                stream(Images.png())).photo().orElseThrow();
        Map<String, List<String>> before = t.storedState();

        assertThatThrownBy(() -> photos.upload(OTHER_OWNER, OTHER_TENANT, ana.id(), t.clientVersion(ana.id()), stream(Images.jpeg())))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.resource()).isEqualTo("client"));
        assertThatThrownBy(() -> photos.remove(OTHER_OWNER, OTHER_TENANT, ana.id(), t.clientVersion(ana.id())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> photos.load(OTHER_OWNER, OTHER_TENANT, ana.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(t.memory.photos().load(OTHER_TENANT, ref.key())).as("keys are tenant-scoped").isEmpty();

        assertThat(t.storedState()).isEqualTo(before);
    }

    private void assertNothingChanged(Client client, Map<String, List<String>> before) {
        assertThat(t.memory.photos().size()).isZero();
        assertThat(t.reload(client.id()).version()).isEqualTo(client.version());
        assertThat(t.reload(client.id()).photo()).isEmpty();
        assertThat(t.auditTrail(TENANT)).extracting(AuditEntry::action)
                .doesNotContain(AuditAction.PHOTO_UPLOADED, AuditAction.PHOTO_REPLACED);
        assertThat(t.storedState()).isEqualTo(before);
    }

    /** Counts how many bytes the service pulled from the upload. */
    private static final class CountingStream extends ByteArrayInputStream {
        int consumed;

        CountingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read() {
            int b = super.read();
            if (b >= 0) {
                consumed++;
            }
            return b;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                consumed += n;
            }
            return n;
        }
    }

    private static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
