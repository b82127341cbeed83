package nl.pac.dispatch.ack;

import jakarta.ws.rs.core.MediaType;
import nl.pac.contracts.AckResponse;
import nl.pac.problem.FieldError;
import nl.pac.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The answer body read as JSON or as the link page's form, equally strictly; the page escapes what it shows. */
class AnswerRequestTest {

    @Test
    void aFormIsReadLikeTheJsonBody() {
        assertThat(AnswerRequest.fromForm(bytes("response=ACCEPTED"))).isEqualTo(AckResponse.ACCEPTED);
        assertThat(AnswerRequest.fromForm(bytes("response=STAND%5FDOWN"))).isEqualTo(AckResponse.STAND_DOWN);
        assertThat(AnswerRequest.fromJson(bytes("{\"response\":\"DECLINED\"}"))).isEqualTo(AckResponse.DECLINED);
    }

    @Test
    void everyOtherFormIsRefusedNamingTheField() {
        assertThat(fields(() -> AnswerRequest.fromForm(bytes("response=MAYBE")))).containsExactly("response");
        assertThat(fields(() -> AnswerRequest.fromForm(bytes("response=ACCEPTED&response=DECLINED")))).containsExactly("response");
        assertThat(fields(() -> AnswerRequest.fromForm(bytes("response=ACCEPTED&colour=red")))).containsExactly("colour");
        assertThat(fields(() -> AnswerRequest.fromForm(bytes("colour=red")))).containsExactlyInAnyOrder("colour", "response");
        assertThat(fields(() -> AnswerRequest.fromForm(bytes("response=ACC%00EPTED")))).containsExactly("response");
        assertThat(fields(() -> AnswerRequest.fromForm(bytes("response=%ZZ")))).containsExactly("body");
        assertThat(fields(() -> AnswerRequest.fromForm(bytes("response=%C3%28")))).as("not UTF-8").containsExactly("body");
        assertThat(fields(() -> AnswerRequest.fromForm("response=ACCEPTÉ".getBytes(StandardCharsets.UTF_8)))).containsExactly("body");
        assertThat(fields(() -> AnswerRequest.fromForm(new byte[0]))).containsExactly("body");
        assertThat(fields(() -> AnswerRequest.fromForm(bytes("response=" + "A".repeat(2000))))).containsExactly("body");
    }

    @Test
    void aBrowserGetsThePageAnHttpClientTheJson() {
        assertThat(AckLinkPage.wantsHtml(List.of(MediaType.TEXT_HTML_TYPE, MediaType.valueOf("application/xhtml+xml"),
                MediaType.valueOf("application/xml;q=0.9"), MediaType.WILDCARD_TYPE))).isTrue();
        assertThat(AckLinkPage.wantsHtml(List.of(MediaType.WILDCARD_TYPE))).isFalse();
        assertThat(AckLinkPage.wantsHtml(List.of())).isFalse();
        assertThat(AckLinkPage.wantsHtml(List.of(MediaType.APPLICATION_JSON_TYPE, MediaType.TEXT_HTML_TYPE))).isFalse();
    }

    @Test
    void thePageEscapesWhatItShowsAndOffersOnlyTheAnswersTheNotificationTakes() {
        String page = AckLinkPage.question(new AckLinkResource.LinkView("n-1", "<script>alert(1)</script>", "MANAGER\"'&",
                Set.of(AckResponse.STAND_DOWN, AckResponse.REQUEST_POLICE), null, Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(page).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;", "MANAGER&quot;&#39;&amp;")
                .contains("value=\"STAND_DOWN\"", "value=\"REQUEST_POLICE\"").doesNotContain("value=\"ACCEPTED\"")
                .contains("<form method=\"post\">");
        assertThat(AckLinkPage.question(new AckLinkResource.LinkView("n-1", "m-1", "MANAGER", Set.of(), AckResponse.ACCEPTED,
                Instant.now()))).doesNotContain("<form").contains("takes no answer any more", "ACCEPTED");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static List<String> fields(Runnable parse) {
        ProblemException refused = catchThrowableOfType(parse::run, ProblemException.class);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.problem().status()).isEqualTo(400);
        return refused.problem().errors().stream().map(FieldError::field).toList();
    }
}
