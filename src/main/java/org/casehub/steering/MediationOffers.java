package org.casehub.steering;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The one owner of the table {@code mediation_offer}: which case was offered to which mediation body, and when. */
@Repository
public class MediationOffers {

    /**
     * The case filter "offered to a mediation body", for the case queries of {@code hub_case c} (index.CaseRepository):
     * the SQL stays with this table's owner.
     */
    public static final String OFFERED = "EXISTS (SELECT 1 FROM mediation_offer m WHERE m.case_id = c.case_id)";

    /** An offer as the case shows it. */
    public record Offer(String bodyCode, String eventId, OffsetDateTime offeredAt) {
    }

    private final JdbcTemplate jdbc;

    public MediationOffers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An offer to be written, with the division of the case when it was made. */
    public record OfferWrite(String caseId, Offer offer, String divisionCode) {
    }

    /**
     * The case's offers in the index, oldest first. Inside the index transaction its own offers are not written yet
     * ({@link Steering.Rows#offersMade}).
     */
    List<Offer> of(String caseId) {
        return jdbc.query("SELECT body_code, event_id, offered_at FROM mediation_offer WHERE case_id = ? ORDER BY offered_at, body_code",
                (rs, n) -> new Offer(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)), caseId);
    }

    /** One batched statement for the offers of an index transaction. */
    public void insert(Collection<OfferWrite> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO mediation_offer (case_id, body_code, event_id, division_code, offered_at)"
                    + " VALUES (?, ?, ?, ?, ?)", rows.stream().map(r -> new Object[] {r.caseId(), r.offer().bodyCode(),
                    r.offer().eventId(), r.divisionCode(), r.offer().offeredAt()}).toList());
        }
    }

    /** Cases offered to a mediation body, for the status page. */
    public long offeredCases() {
        return jdbc.queryForObject("SELECT COUNT(DISTINCT case_id) FROM mediation_offer", Long.class);
    }
}
