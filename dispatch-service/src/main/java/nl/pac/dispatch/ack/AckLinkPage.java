package nl.pac.dispatch.ack;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import nl.pac.contracts.AckResponse;
import nl.pac.contracts.ResponderAcknowledged;

import java.util.List;
import java.util.Map;

/**
 * The pages a person sees who opens a signed link in a browser: what the notification is, a button per answer it
 * takes (each posts the form {@code response=<answer>} back to the same link), and after answering what was
 * recorded. Every value is HTML-escaped; the pages run no script, load nothing, cannot be framed, are not cached and
 * send no referrer (the link in the address bar is the credential). Plain Java.
 */
final class AckLinkPage {

    private static final Map<AckResponse, String> LABELS = Map.of(
            AckResponse.ACCEPTED, "I take it",
            AckResponse.DECLINED, "Not me: ask the next",
            AckResponse.WORKER_REACHED, "I reached the worker: they are safe",
            AckResponse.STAND_DOWN, "Stand down: no police needed",
            AckResponse.REQUEST_POLICE, "Request police");

    private AckLinkPage() {
    }

    /**
     * Whether the caller asked for HTML before JSON: a browser's {@code text/html,...,*}{@code /*;q=0.8} does, while
     * {@code curl}'s or an HTTP client's {@code *}{@code /*} (or none) gets JSON.
     *
     * @param acceptable the Accept header's media types, most wanted first
     */
    static boolean wantsHtml(List<MediaType> acceptable) {
        for (MediaType type : acceptable) {
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                continue;
            }
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE) || type.isCompatible(MediaType.APPLICATION_XHTML_XML_TYPE)) {
                return true;
            }
            if (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")) {
                return false;
            }
        }
        return false;
    }

    static String question(AckLinkResource.LinkView link) {
        StringBuilder body = new StringBuilder()
                .append("<h1>PAC alarm centre</h1>\n")
                .append("<p>Notification <code>").append(escape(link.notificationId())).append("</code> to <b>")
                .append(escape(link.responderId())).append("</b> (").append(escape(link.responderKind())).append(").</p>\n");
        if (link.answered() != null) {
            body.append("<p>Answered so far: <b>").append(escape(link.answered().name())).append("</b>.</p>\n");
        }
        if (link.answers().isEmpty()) {
            body.append("<p>This notification takes no answer any more: someone has it in hand, or it was answered.</p>\n");
        } else {
            body.append("<p>Your answer (this link answers once, until ").append(escape(link.expiresAt().toString()))
                    .append("):</p>\n<form method=\"post\">\n");
            for (AckResponse answer : AckResponse.values()) {
                if (link.answers().contains(answer)) {
                    body.append("<p><button type=\"submit\" name=\"response\" value=\"").append(escape(answer.name())).append("\">")
                            .append(escape(answer.name())).append(": ").append(escape(LABELS.get(answer))).append("</button></p>\n");
                }
            }
            body.append("</form>\n");
        }
        return page("PAC: answer the notification", body.toString());
    }

    static String answered(ResponderAcknowledged ack) {
        return page("PAC: answer recorded", "<h1>PAC alarm centre</h1>\n<p>Your answer <b>" + escape(ack.response().name())
                + "</b> to notification <code>" + escape(ack.notificationId().toString()) + "</code> is recorded ("
                + escape(ack.acknowledgedAt().toString()) + "). Thank you.</p>\n");
    }

    static Response html(String page) {
        return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                        + "frame-ancestors 'none'; base-uri 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-store")
                .build();
    }

    private static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + "</title>"
                + "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}"
                + "button{font-size:1.1em;padding:.5em 1em}</style></head>\n<body>\n" + body + "</body></html>\n";
    }

    /** Text for an HTML element or a quoted attribute. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
