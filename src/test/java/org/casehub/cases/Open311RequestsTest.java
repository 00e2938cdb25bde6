package org.casehub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.casehub.index.CaseRepository;
import org.casehub.index.CaseRepository.CaseRow;
import org.junit.jupiter.api.Test;

class Open311RequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SERVICES = Map.of("noise", "噪声扰民");
    private static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-11-20T02:00:00Z");
    private static final OffsetDateTime UPDATED = OffsetDateTime.parse("2026-11-21T03:04:05.678Z");

    @Test
    void aCaseBecomesAServiceRequestWithTimesInShanghaiAndTheFinestUnitAsAgency() throws Exception {
        JsonNode data = JSON.readTree("""
                {"description": "楼上噪声", "sourceStatus": "受理", "deadlines": {"expected": "2026-12-10T09:00:00Z"},
                 "location": {"address": "粤海街道科技园", "lat": 22.54, "lng": 113.95,
                  "path": {"district": {"code": "440305", "name": "南山区"}, "street": {"code": "440305007", "name": "粤海街道"},
                           "community": {"code": "440305007012", "name": "京光社区"}}}}""");

        Map<String, Object> request = Open311Requests.serviceRequest(row("accepted"), data, SERVICES, code -> Optional.empty());

        assertThat(request).containsEntry("service_request_id", "CASE1").containsEntry("status", "open")
                .containsEntry("status_notes", "受理").containsEntry("service_code", "noise")
                .containsEntry("service_name", "噪声扰民").containsEntry("description", "楼上噪声")
                .containsEntry("agency_responsible", "京光社区")
                .containsEntry("requested_datetime", "2026-11-20T10:00:00+08:00")
                .containsEntry("updated_datetime", "2026-11-21T11:04:05+08:00")
                .containsEntry("expected_datetime", "2026-12-10T17:00:00+08:00")
                .containsEntry("address", "粤海街道科技园");
        assertThat(request.get("lat")).hasToString("22.54");
        assertThat(request.get("long")).hasToString("113.95");
    }

    @Test
    void onlyAClosedCaseIsClosedEveryOtherStatusIsOpen() {
        JsonNode empty = JSON.createObjectNode();
        assertThat(Open311Requests.serviceRequest(row("closed"), empty, SERVICES, c -> Optional.empty()))
                .containsEntry("status", "closed").containsEntry("status_notes", "closed");
        for (String status : Open311Requests.OPEN_STATUSES) {
            assertThat(Open311Requests.serviceRequest(row(status), empty, SERVICES, c -> Optional.empty()))
                    .as(status).containsEntry("status", "open");
        }
    }

    @Test
    void withoutAPathTheAgencyIsTheDivisionsRegistryNameAndMissingValuesAreNull() {
        Map<String, Object> request = Open311Requests.serviceRequest(row("received"), JSON.createObjectNode(), SERVICES,
                code -> code.equals("440305007") ? Optional.of("粤海街道") : Optional.empty());

        assertThat(request).containsEntry("agency_responsible", "粤海街道").containsEntry("expected_datetime", null)
                .containsEntry("lat", null).containsEntry("long", null).containsEntry("address", null);
    }

    @Test
    void open311StatusesBecomeUnifiedStatusesAndBothMeanAny() {
        assertThat(Open311Requests.statuses(List.of("closed"))).containsExactly("closed");
        assertThat(Open311Requests.statuses(List.of("open"))).containsExactlyElementsOf(Open311Requests.OPEN_STATUSES);
        assertThat(Open311Requests.statuses(List.of("open", "closed"))).isEmpty();
        assertThat(Open311Requests.statuses(List.of())).isEmpty();
        assertThatThrownBy(() -> Open311Requests.statuses(List.of("pending"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWindowDefaultsToTheLastNinetyDaysAndRefusesNinetyOne() {
        OffsetDateTime now = OffsetDateTime.parse("2026-11-25T00:00:00Z");

        assertThat(Open311Window.of(null, null, now, 90)).isEqualTo(new Open311Window(now.minusDays(90), now));
        assertThat(Open311Window.of("2026-09-01T00:00:00+08:00", null, now, 90).end())
                .isEqualTo(OffsetDateTime.parse("2026-11-30T00:00:00+08:00"));
        assertThat(Open311Window.of(null, "2026-11-01T00:00:00Z", now, 90).start())
                .isEqualTo(OffsetDateTime.parse("2026-08-03T00:00:00Z"));
        assertThat(Open311Window.of("2026-08-27T00:00:00Z", "2026-11-25T00:00:00Z", now, 90).start())
                .isEqualTo(OffsetDateTime.parse("2026-08-27T00:00:00Z"));
        assertThatThrownBy(() -> Open311Window.of("2026-08-26T00:00:00Z", "2026-11-25T00:00:00Z", now, 90))
                .hasMessage("start_date and end_date may be at most 90 days apart");
        assertThatThrownBy(() -> Open311Window.of("2026-11-25T00:00:00Z", "2026-11-24T00:00:00Z", now, 90))
                .hasMessage("end_date is before start_date");
        assertThatThrownBy(() -> Open311Window.of("yesterday", null, now, 90)).isInstanceOf(IllegalArgumentException.class);
    }

    private static CaseRow row(String status) {
        return new CaseRow("CASE1", 2, status, "noise", "440305007", "{}", CREATED, UPDATED);
    }
}
