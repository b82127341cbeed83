package nl.pac.dc09;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * DC-09 content encryption: AES-128, -192 or -256 in CBC mode with an all-zero IV over
 * pad + data + timestamp, written as upper-case hex. The zero IV is the standard's, not a choice: the
 * random pad in front of the data is what keeps two equal messages from encrypting alike, so the pad
 * is drawn from a real random generator on every message.
 */
public final class Dc09Cipher {

    private static final byte[] ZERO_IV = new byte[16];
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    /** Printable ASCII without the characters that delimit the content ({@code | [ ]}). */
    private static final String PAD_CHARACTERS;

    static {
        StringBuilder pad = new StringBuilder();
        for (char c = 0x21; c < 0x7F; c++) {
            if (c != '|' && c != '[' && c != ']' && c != '"') {
                pad.append(c);
            }
        }
        PAD_CHARACTERS = pad.toString();
    }

    private final SecretKeySpec key;

    /** @param key 16, 24 or 32 bytes */
    public Dc09Cipher(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("a DC-09 key is 16, 24 or 32 bytes (AES-128/192/256), not " + key.length);
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** A key written as 32, 48 or 64 hex digits, as receivers and transmitters are configured. */
    public static Dc09Cipher ofHex(String hexKey) {
        return new Dc09Cipher(HexFormat.of().parseHex(hexKey));
    }

    /**
     * Pads {@code content} in front to a whole number of AES blocks with random characters (at least
     * one, so the pad is never empty) and encrypts it; {@code separator} goes between pad and content
     * ({@code "|"} before event data; empty for responses, whose content opens with {@code ]}).
     */
    public String encrypt(String content, String separator, RandomGenerator random) {
        int length = content.length() + separator.length();
        int padLength = 16 - length % 16;
        StringBuilder plain = new StringBuilder(length + padLength);
        for (int i = 0; i < padLength; i++) {
            plain.append(PAD_CHARACTERS.charAt(random.nextInt(PAD_CHARACTERS.length())));
        }
        plain.append(separator).append(content);
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(ZERO_IV));
            return HEX.formatHex(aes.doFinal(plain.toString().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC is part of every JDK", e);
        }
    }

    /**
     * The plaintext of {@code hex} with the pad (and the separator after it) removed, or null when it
     * is not whole AES blocks of hex or does not decrypt to printable ASCII: the wrong key, or a
     * damaged or forged frame.
     */
    public String decrypt(String hex) {
        if (hex.isEmpty() || hex.length() % 32 != 0) {
            return null;
        }
        byte[] cipherText;
        try {
            cipherText = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
        byte[] plain;
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(ZERO_IV));
            plain = aes.doFinal(cipherText);
        } catch (GeneralSecurityException e) {
            return null;
        }
        for (byte b : plain) {
            if (b < 0x20 || b > 0x7E) {
                return null;
            }
        }
        String text = new String(plain, StandardCharsets.US_ASCII);
        int start = 0;
        while (start < text.length() && "|[]".indexOf(text.charAt(start)) < 0) {
            start++;
        }
        if (start < text.length() && text.charAt(start) == '|') {
            start++;
        }
        return text.substring(start);
    }
}
