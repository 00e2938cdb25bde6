package org.casehub.quarantine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.core.GbkText;
import org.junit.jupiter.api.Test;

class PayloadViewTest {

    private final PayloadView view = new PayloadView(new ObjectMapper(), Set.of("name", "XFRXM"),
            Set.of("mobile", "phone", "LXDH"), 200);

    @Test
    void namesIdNumbersAndPhonesAreMaskedWhereverTheyAreInTheRecord() {
        Map<String, Object> shown = view.show("""
                {"eventId": "PA1", "parties": [{"name": "马斌", "idCard": "44030419940328607X", "phone": "17633355261"}],
                 "content": "当事人马斌电话17633355261", "districtName": "罗湖区", "severity": 3}"""
                .getBytes(StandardCharsets.UTF_8));

        JsonNode json = (JsonNode) shown.get("json");
        JsonNode party = json.path("parties").get(0);
        assertThat(party.path("name").asText()).isEqualTo("马*");
        assertThat(party.path("idCard").asText()).isEqualTo("440304********607X");
        assertThat(party.path("phone").asText()).isEqualTo("176****5261");
        assertThat(json.path("content").asText()).isEqualTo("当事人马斌电话176****5261");
        assertThat(json.path("districtName").asText()).isEqualTo("罗湖区");
        assertThat(json.path("severity").asInt()).isEqualTo(3);
        assertThat((List<?>) shown.get("problems")).isEmpty();
    }

    @Test
    void badUtf8IsShownAsReplacementCharactersAndReportedWithItsOffset() {
        byte[] bytes = "{\"title\": \"漏水 \"}".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 3] = (byte) 0xFF;

        Map<String, Object> shown = view.show(bytes);

        assertThat(((JsonNode) shown.get("json")).path("title").asText()).isEqualTo("漏水\uFFFD");
        assertThat((List<?>) shown.get("problems")).singleElement().asString()
                .contains("not valid UTF-8").contains("byte offset " + (bytes.length - 3));
    }

    @Test
    void aPetitionRowsBadGbkColumnIsDecodedAsFarAsItGoesAndMaskedNeverShownAsBase64() throws Exception {
        byte[] gbk = GbkText.encode("信访人电话13812345678");
        byte[] broken = new byte[gbk.length + 1];
        System.arraycopy(gbk, 0, broken, 0, gbk.length);
        broken[gbk.length] = (byte) 0x81;
        String base64 = Base64.getEncoder().encodeToString(broken);

        Map<String, Object> shown = view.show(("{\"XFJBH\": \"X1\", \"XFRXM\": \"李四\", \"XFNR_GBK_BASE64\": \"" + base64 + "\"}")
                .getBytes(StandardCharsets.UTF_8));

        JsonNode json = (JsonNode) shown.get("json");
        assertThat(json.path("XFNR").asText()).startsWith("信访人电话138****5678");
        assertThat(json.has("XFNR_GBK_BASE64")).isFalse();
        assertThat(json.path("XFRXM").asText()).isEqualTo("李*");
        assertThat((List<?>) shown.get("problems")).singleElement().asString().contains("XFNR (GBK) is not valid GBK");
    }

    @Test
    void aPayloadThatIsNotJsonIsShownAsMaskedTextCutToTheLimit() {
        Map<String, Object> shown = view.show(("not json 17633355261 " + "x".repeat(300)).getBytes(StandardCharsets.UTF_8));

        assertThat((String) shown.get("text")).startsWith("not json 176****5261").hasSize(200);
        assertThat(shown.get("truncated")).isEqualTo(true);
        assertThat(shown.get("json")).isNull();
    }

    @Test
    void malformedPhonesAreMaskedByTheirKey() {
        Map<String, Object> shown = view.show("""
                {"citizen": {"mobile": "138123456789"}, "LXDH": "1381234567a", "other": "138123456789"}"""
                .getBytes(StandardCharsets.UTF_8));

        JsonNode json = (JsonNode) shown.get("json");
        assertThat(json.at("/citizen/mobile").asText()).isEqualTo("138*****6789");
        assertThat(json.path("LXDH").asText()).isEqualTo("138***4567a");
    }

    @Test
    void aPayloadThatIsNotJsonHasItsNamesAndPhonesMaskedByKeyAllTheSame() {
        Map<String, Object> shown = view.show("""
                {"orderNo": "GD1", "citizen": {"name" : "欧阳锋", "mobile": "138123456789"}, "XFRXM": "张\\"三"""
                .getBytes(StandardCharsets.UTF_8));

        assertThat(shown).doesNotContainKey("json");
        assertThat((String) shown.get("text")).isEqualTo("""
                {"orderNo": "GD1", "citizen": {"name" : "欧**", "mobile": "138*****6789"}, "XFRXM": "张***""");
    }
}
