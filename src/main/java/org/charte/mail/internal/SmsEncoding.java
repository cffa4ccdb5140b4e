package org.charte.mail.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a text travels in {@code submit_sm} (SMPP 3.4 with GSM 03.38 / 3GPP TS 23.038): in the GSM
 * 7-bit default alphabet (data_coding 0x00, one septet per octet, the extension table behind the
 * escape 0x1B) when every character has a place there, otherwise in UCS-2 (data_coding 0x08,
 * UTF-16BE, so accents such as "ê" or "ç" and emoji arrive whole). A text longer than one message is
 * cut into parts, each headed by a concatenation header (UDH, IEI 0x00, 8-bit reference), never
 * between an escape and its character nor between the two halves of a surrogate pair. Framework-free.
 */
final class SmsEncoding {

    /** The GSM 7-bit default alphabet, by septet value. */
    static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** The extension table: characters reached through the escape 0x1B, and their septet. */
    static final String GSM_EXTENSION_CHARS = "\f^{}\\[~]|€";
    static final byte[] GSM_EXTENSION_CODES = {0x0A, 0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};
    static final byte ESCAPE = 0x1B;

    static final byte DATA_CODING_GSM = 0x00;
    static final byte DATA_CODING_UCS2 = 0x08;

    /** Septets (GSM) or octets (UCS-2) one message holds alone, and per part when concatenated (6-octet header). */
    static final int GSM_SINGLE = 160;
    static final int GSM_PART = 153;
    static final int UCS2_SINGLE = 140;
    static final int UCS2_PART = 134;
    /** Parts a text may take at most: beyond, it is refused before it is queued. */
    static final int MAX_PARTS = 10;

    enum Alphabet { GSM_7BIT, UCS2 }

    /** A text ready for {@code submit_sm}: its data coding and its parts (each with its header when there are several). */
    record Encoded(Alphabet alphabet, byte dataCoding, List<byte[]> parts) {
        boolean concatenated() {
            return parts.size() > 1;
        }
    }

    private SmsEncoding() {}

    /** Whether every character of the text is in the GSM 7-bit default alphabet or its extension. */
    static boolean gsm(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ESCAPE || (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION_CHARS.indexOf(c) < 0)) {
                return false;
            }
        }
        return true;
    }

    /** How many messages the text takes. */
    static int parts(String text) {
        return encode(text, 0).parts().size();
    }

    /** The text encoded, in one part or several; {@code reference} (0–255) ties the parts together. */
    static Encoded encode(String text, int reference) {
        List<byte[]> units = units(text);
        boolean gsm = gsm(text);
        int total = units.stream().mapToInt(u -> u.length).sum();
        if (total <= (gsm ? GSM_SINGLE : UCS2_SINGLE)) {
            return new Encoded(gsm ? Alphabet.GSM_7BIT : Alphabet.UCS2, gsm ? DATA_CODING_GSM : DATA_CODING_UCS2, List.of(join(units)));
        }
        List<List<byte[]>> chunks = split(text);
        if (chunks.size() > 255) {
            throw new IllegalArgumentException("a text may not take more than 255 messages");
        }
        List<byte[]> parts = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            ByteArrayOutputStream part = new ByteArrayOutputStream();
            part.writeBytes(new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) chunks.size(), (byte) (i + 1)});
            part.writeBytes(join(chunks.get(i)));
            parts.add(part.toByteArray());
        }
        return new Encoded(gsm ? Alphabet.GSM_7BIT : Alphabet.UCS2, gsm ? DATA_CODING_GSM : DATA_CODING_UCS2, parts);
    }

    /** Decodes a message as it arrives (deliver_sm): GSM unpacked, UCS-2, Latin-1 or ASCII; a leading UDH skipped when {@code udhi}. */
    static String decode(byte dataCoding, byte[] message, boolean udhi) {
        int start = 0;
        if (udhi && message.length > 0) {
            start = Math.min(message.length, 1 + (message[0] & 0xFF));
        }
        byte[] body = Arrays.copyOfRange(message, start, message.length);
        int alphabet = (dataCoding & 0xC0) == 0 ? dataCoding & 0x0F : (dataCoding & 0xF0) == 0xF0 ? dataCoding & 0x04 : -1;
        return switch (alphabet) {
            case 0x08 -> new String(body, StandardCharsets.UTF_16BE);
            case 0x03 -> new String(body, StandardCharsets.ISO_8859_1);
            case 0x01 -> new String(body, StandardCharsets.US_ASCII);
            case 0x00 -> decodeGsm(body);
            default -> (dataCoding & 0x0C) == 0x08 ? new String(body, StandardCharsets.UTF_16BE) : decodeGsm(body);
        };
    }

    static String decodeGsm(byte[] septets) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < septets.length; i++) {
            int septet = septets[i] & 0x7F;
            if (septet == ESCAPE && i + 1 < septets.length) {
                int next = septets[++i] & 0x7F;
                int at = -1;
                for (int e = 0; e < GSM_EXTENSION_CODES.length; e++) {
                    if (GSM_EXTENSION_CODES[e] == next) {
                        at = e;
                    }
                }
                text.append(at >= 0 ? GSM_EXTENSION_CHARS.charAt(at) : ' ');
            } else {
                text.append(GSM_BASIC.charAt(septet));
            }
        }
        return text.toString();
    }

    /** The text's characters (code points), each as the bytes it takes. */
    private static List<byte[]> units(String text) {
        boolean gsm = gsm(text);
        List<byte[]> units = new ArrayList<>();
        text.codePoints().forEach(cp -> {
            if (gsm) {
                char c = (char) cp;
                int basic = GSM_BASIC.indexOf(c);
                units.add(basic >= 0 ? new byte[] {(byte) basic} : new byte[] {ESCAPE, GSM_EXTENSION_CODES[GSM_EXTENSION_CHARS.indexOf(c)]});
            } else {
                units.add(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_16BE));
            }
        });
        return units;
    }

    private static List<List<byte[]>> split(String text) {
        int room = gsm(text) ? GSM_PART : UCS2_PART;
        List<List<byte[]>> chunks = new ArrayList<>();
        List<byte[]> chunk = new ArrayList<>();
        int used = 0;
        for (byte[] unit : units(text)) {
            if (used + unit.length > room) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                used = 0;
            }
            chunk.add(unit);
            used += unit.length;
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static byte[] join(List<byte[]> units) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        units.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
