package io.clientele.adapter.filesystem;

import static io.clientele.testing.TestClientele.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.Clientele;
import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.model.Client;
import io.clientele.client.model.ImageType;
import io.clientele.client.model.PhotoRef;
import io.clientele.client.service.ClientDetails;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.testing.Images;
import io.clientele.testing.MutableClock;
import io.clientele.testing.TestClientele;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemPhotoStorageTest {

    private static final TenantId STUDIO_A = TenantId.of("studio-a");
    private static final TenantId STUDIO_B = TenantId.of("studio-b");

    @TempDir
    Path temp;

    private final ClientId client = new ClientId(UUID.randomUUID());

    private Path root() {
        return temp.resolve("photos");
    }

    private FileSystemPhotoStorage storage() {
        return new FileSystemPhotoStorage(root());
    }

    @ParameterizedTest
    @EnumSource(ImageType.class)
    void a_stored_photo_loads_back_byte_for_byte_and_is_gone_after_delete(ImageType type) {
        FileSystemPhotoStorage storage = storage();
        byte[] bytes = Images.signatureOnly(ImageType.PNG, 300);

        String key = storage.store(STUDIO_A, client, type, bytes);

        assertThat(key).startsWith(client + "/").endsWith("." + type.name().toLowerCase(Locale.ROOT));
        assertThat(storage.load(STUDIO_A, key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));

        storage.delete(STUDIO_A, key);

        assertThat(storage.load(STUDIO_A, key)).isEmpty();
        storage.delete(STUDIO_A, key);
        assertThat(storage.load(STUDIO_A, key)).as("deleting a missing key does nothing").isEmpty();
    }

    @Test
    void the_file_is_written_under_the_root_in_the_tenant_and_client_directory_with_no_temporary_left()
            throws IOException {
        assertThat(root()).doesNotExist();
        byte[] bytes = Images.signatureOnly(ImageType.JPEG, 200);

        String key = storage().store(STUDIO_A, client, ImageType.JPEG, bytes);

        Path expected = root().resolve("t-studio-a").resolve(key);
        assertThat(expected).isRegularFile().hasBinaryContent(bytes);
        assertThat(expected.getParent().getFileName()).hasToString(client.toString());
        assertThat(regularFiles(temp)).containsExactly(expected);
    }

    @Test
    void every_store_gets_a_new_key_and_a_new_file() throws IOException {
        FileSystemPhotoStorage storage = storage();

        String first = storage.store(STUDIO_A, client, ImageType.PNG, Images.signatureOnly(ImageType.PNG, 50));
        String second = storage.store(STUDIO_A, client, ImageType.PNG, Images.signatureOnly(ImageType.PNG, 60));

        assertThat(first).isNotEqualTo(second);
        assertThat(regularFiles(root())).hasSize(2);
        assertThat(storage.load(STUDIO_A, first)).hasValueSatisfying(b -> assertThat(b).hasSize(50));
        assertThat(storage.load(STUDIO_A, second)).hasValueSatisfying(b -> assertThat(b).hasSize(60));
    }

    @Test
    void a_key_of_one_tenant_is_neither_loadable_nor_deletable_from_another() {
        FileSystemPhotoStorage storage = storage();
        byte[] bytes = Images.signatureOnly(ImageType.WEBP, 100);
        String key = storage.store(STUDIO_A, client, ImageType.WEBP, bytes);

        assertThat(storage.load(STUDIO_B, key)).isEmpty();
        storage.delete(STUDIO_B, key);

        assertThat(storage.load(STUDIO_A, key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
        assertThat(storage.load(STUDIO_B, "../studio-a/" + key)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "../../secret.png",
        "../../../secret.png",
        "../../etc/passwd",
        "/etc/passwd",
        "..",
        "",
        "%2e%2e/%2e%2e/secret.png",
        "..\\..\\secret.png",
        "00000000-0000-0000-0000-000000000000/../../../secret.png",
        "00000000-0000-0000-0000-000000000000/00000000-0000-0000-0000-000000000000.png/../../../../secret.png",
        "00000000-0000-0000-0000-000000000000/00000000-0000-0000-0000-000000000000.svg",
        "00000000-0000-0000-0000-000000000000/00000000-0000-0000-0000-000000000000.PNG"})
    void a_forged_key_loads_nothing_and_deletes_nothing(String forged) throws IOException {
        FileSystemPhotoStorage storage = storage();
        String key = storage.store(STUDIO_A, client, ImageType.PNG, Images.signatureOnly(ImageType.PNG, 40));
        Path secret = Files.writeString(temp.resolve("secret.png"), "not yours", StandardCharsets.UTF_8);
        Files.createDirectories(temp.resolve("etc"));
        Path passwd = Files.writeString(temp.resolve("etc").resolve("passwd"), "root:x:0:0", StandardCharsets.UTF_8);

        assertThat(storage.load(STUDIO_A, forged)).isEmpty();
        storage.delete(STUDIO_A, forged);

        assertThat(secret).exists().hasContent("not yours");
        assertThat(passwd).exists();
        assertThat(storage.load(STUDIO_A, key)).isPresent();
    }

    @Test
    void a_well_formed_key_that_was_never_stored_loads_nothing() {
        String unknown = client + "/" + UUID.randomUUID() + ".png";

        assertThat(storage().load(STUDIO_A, unknown)).isEmpty();
    }

    @Test
    void as_the_photo_storage_of_clientele_a_replaced_photo_file_is_deleted() throws IOException {
        InMemoryAdapters memory = InMemoryAdapters.create();
        Clientele clientele = memory.installInto(Clientele.builder()).invitations(TestClientele.INVITATIONS).clock(MutableClock.standard())
                .photoStorage(storage()).build();
        Client ana = clientele.clients().create(OWNER, STUDIO_A, ClientDetails.named("Ana", "López"));

        PhotoRef first = clientele.photos().upload(OWNER, STUDIO_A, ana.id(), ana.version(),
                new ByteArrayInputStream(Images.png())).photo().orElseThrow();
        PhotoRef second = clientele.photos().upload(OWNER, STUDIO_A, ana.id(), ana.version() + 1,
                new ByteArrayInputStream(Images.jpeg())).photo().orElseThrow();

        assertThat(regularFiles(root())).containsExactly(root().resolve("t-studio-a").resolve(second.key()));
        assertThat(root().resolve("t-studio-a").resolve(first.key())).doesNotExist();
        assertThat(memory.photos().size()).as("the in-memory storage was not used").isZero();

        clientele.erasure().erase(OWNER, STUDIO_A, ana.id());

        assertThat(regularFiles(root())).isEmpty();
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void tenants_differing_only_in_case_get_different_folders() {
        TenantId upper = TenantId.of("Studio-A");
        FileSystemPhotoStorage photos = storage();

        String lowerKey = photos.store(STUDIO_A, client, ImageType.PNG, Images.signatureOnly(ImageType.PNG, 40));
        String upperKey = photos.store(upper, client, ImageType.PNG, Images.signatureOnly(ImageType.PNG, 50));

        assertThat(root().resolve("t-studio-a").resolve(lowerKey)).isRegularFile();
        assertThat(root().resolve("x-53747564696f2d41").resolve(upperKey)).isRegularFile();
        assertThat(photos.load(upper, lowerKey)).isEmpty();
        assertThat(photos.load(STUDIO_A, upperKey)).isEmpty();
    }
}
