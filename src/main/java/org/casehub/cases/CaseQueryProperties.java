package org.casehub.cases;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The query side of the index: the case API and the Open311 façade.
 *
 * @param pageSize             cases per page of {@code GET /api/cases} when the caller names no {@code limit}
 * @param maxPageSize          the largest {@code limit} a caller may ask for
 * @param open311MaxRequests   the most service requests one Open311 answer holds (the spec's 1,000)
 * @param open311MaxDays       the widest span between Open311's start_date and end_date, and the default window
 *                             ending now (the spec's 90 days)
 * @param open311ServiceGroup  the {@code group} every Open311 service is listed under
 * @param open311KeywordLists  code lists (mappings/codes/) whose entries name a unified category: their names
 *                             become the service's keywords
 */
@ConfigurationProperties("casehub.api")
public record CaseQueryProperties(
        @DefaultValue("50") int pageSize,
        @DefaultValue("500") int maxPageSize,
        @DefaultValue("1000") int open311MaxRequests,
        @DefaultValue("90") int open311MaxDays,
        @DefaultValue("智慧信访") String open311ServiceGroup,
        @DefaultValue({"public-safety.eventType", "provincial-petition.NRFL"}) List<String> open311KeywordLists) {

    public CaseQueryProperties {
        if (pageSize < 1 || pageSize > maxPageSize) {
            throw new IllegalArgumentException("casehub.api.page-size must be 1 to casehub.api.max-page-size");
        }
        if (open311MaxRequests < 1 || open311MaxDays < 1) {
            throw new IllegalArgumentException("casehub.api.open311-max-requests and -max-days must be positive");
        }
        open311KeywordLists = List.copyOf(open311KeywordLists);
    }
}
