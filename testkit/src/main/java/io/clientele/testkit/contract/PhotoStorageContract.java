package io.clientele.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.client.model.ImageType;
import io.clientele.client.port.PhotoStorage;
import io.clientele.common.ClientId;
import io.clientele.common.TenantId;
import io.clientele.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link PhotoStorage}: stored bytes are loaded back by their key, in their tenant
 * only; keys are never reused; a delete removes the photo in its tenant, and deleting a missing key
 * does nothing. The port is not transactional, so the suite calls it outside units of work.
 *
 * <p>Extend it in the adapter's tests and answer {@link #createStorage()}. Not thread-safe: JUnit
 * makes one instance per test.
 */
public abstract class PhotoStorageContract {

    private PhotoStorage photos;
    private Fixtures fx;
    private TenantId tenant;
    private TenantId otherTenant;
    private ClientId ana;

    /**
     * The storage under test, called before each test. It may hold other tests' photos: every test
     * uses tenants of its own.
     */
    protected abstract PhotoStorage createStorage();

    @BeforeEach
    void setUpPhotoStorageContract() {
        photos = createStorage();
        fx = Fixtures.standard();
        tenant = fx.newTenant();
        otherTenant = fx.newTenant();
        ana = fx.newClientId();
    }

    private static byte[] png(String marker) {
        byte[] body = marker.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[8 + body.length];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(signature, 0, bytes, 0, 8);
        System.arraycopy(body, 0, bytes, 8, body.length);
        return bytes;
    }

    @Test
    void stored_bytes_are_loaded_back_by_their_key_in_their_tenant_only() {
        byte[] content = png("ana's photo");

        String key = photos.store(tenant, ana, ImageType.PNG, content.clone());

        assertThat(photos.load(tenant, key)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content));
        assertThat(photos.load(otherTenant, key)).isEmpty();
        assertThat(photos.load(tenant, ana + "/" + UUID.randomUUID() + ".png")).isEmpty();
    }

    @Test
    void keys_are_never_reused() {
        byte[] content = png("same bytes");
        String first = photos.store(tenant, ana, ImageType.PNG, content);
        String second = photos.store(tenant, ana, ImageType.PNG, content);
        photos.delete(tenant, first);

        String third = photos.store(tenant, ana, ImageType.PNG, content);

        assertThat(first).isNotEqualTo(second);
        assertThat(third).isNotEqualTo(first).isNotEqualTo(second);
        assertThat(photos.load(tenant, second)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content));
    }

    @Test
    void a_delete_removes_the_photo_of_its_tenant_and_deleting_a_missing_key_does_nothing() {
        String kept = photos.store(tenant, ana, ImageType.JPEG, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1});
        String doomed = photos.store(tenant, ana, ImageType.PNG, png("doomed"));

        photos.delete(otherTenant, doomed);
        assertThat(photos.load(tenant, doomed)).isPresent();
        photos.delete(tenant, doomed);
        photos.delete(tenant, doomed);
        photos.delete(tenant, ana + "/" + UUID.randomUUID() + ".png");

        assertThat(photos.load(tenant, doomed)).isEmpty();
        assertThat(photos.load(tenant, kept)).hasValueSatisfying(
                bytes -> assertThat(bytes).containsExactly((byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1));
    }
}
