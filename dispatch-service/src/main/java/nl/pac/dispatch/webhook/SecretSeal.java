package nl.pac.dispatch.webhook;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Seals tenants' webhook secrets for the database with AES-256-GCM under a key derived from the
 * deployment's sealing key ({@code SHA-256("pac-dispatch webhook-secret seal v1" NUL key)}): a copy of the
 * table, a backup or a read-only SQL account shows no secret. The tenant and version are bound in as
 * associated data, so a sealed value copied to another tenant's row does not open. Plain Java.
 * Layout: a fresh random 12-byte nonce, then ciphertext and 16-byte tag.
 */
public final class SecretSeal {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE_BYTES = 12;

    private final SecretKeySpec key;

    public SecretSeal(String sealingKey) {
        if (sealingKey == null || sealingKey.length() < 32) {
            throw new IllegalStateException("pac.dispatch.webhook.sealing-key must be at least 32 characters");
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("pac-dispatch webhook-secret seal v1\0".getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(sha256.digest(sealingKey.getBytes(StandardCharsets.UTF_8)), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public byte[] seal(String tenantId, int version, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher gcm = cipher(Cipher.ENCRYPT_MODE, nonce, tenantId, version);
            byte[] sealed = gcm.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** The secret, or {@link SealBroken} if this key did not seal it for this tenant and version (another key, an altered row). */
    public String open(String tenantId, int version, byte[] sealed) {
        if (sealed.length <= NONCE_BYTES) {
            throw new SealBroken(tenantId, version);
        }
        try {
            Cipher gcm = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, NONCE_BYTES), tenantId, version);
            return new String(gcm.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SealBroken(tenantId, version);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String tenantId, int version) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, key, new GCMParameterSpec(128, nonce));
        gcm.updateAAD((tenantId + "\0" + version).getBytes(StandardCharsets.UTF_8));
        return gcm;
    }

    /** A sealed secret this deployment's key cannot open; never says more than which row. */
    public static final class SealBroken extends RuntimeException {
        SealBroken(String tenantId, int version) {
            super("webhook secret " + version + " of tenant " + tenantId + " does not open with this deployment's sealing key");
        }
    }
}
