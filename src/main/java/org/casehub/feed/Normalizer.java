package org.casehub.feed;

import com.dashjoin.jsonata.Jsonata;

import org.casehub.core.FeedRecord;
import org.casehub.mapping.CaseMapper;
import org.casehub.mapping.CaseValidator;
import org.casehub.mapping.PersonProtector;
import org.casehub.network.LocationResolver;
import org.springframework.stereotype.Component;

/**
 * The one place that says in which order a record becomes a canonical case: decode (bytes, JSON, identity) → the
 * feed's schema → its mapping (JSONata and code lists) → what may be stored (casehub.limits) → dates and text quality →
 * division → persons sealed and hashed → the case schema. The pipeline route, the dry run and the unmapped-code
 * re-map all run these steps through here, so a step added or moved is added or moved for all of them. (One method
 * per name: the route calls {@code normalize} by name, and Camel refuses to guess between overloads.) A step that
 * refuses the record throws {@link org.casehub.core.RecordRejectedException} naming itself; nothing here touches
 * the index or a broker.
 */
@Component("normalizer")
public class Normalizer {

    private final RecordDecoder decoder;
    private final CaseValidator validator;
    private final CaseMapper mapper;
    private final RecordLimits limits;
    private final InputQuality quality;
    private final LocationResolver locations;
    private final PersonProtector persons;

    public Normalizer(RecordDecoder decoder, CaseValidator validator, CaseMapper mapper, RecordLimits limits,
                      InputQuality quality, LocationResolver locations, PersonProtector persons) {
        this.decoder = decoder;
        this.validator = validator;
        this.mapper = mapper;
        this.limits = limits;
        this.quality = quality;
        this.locations = locations;
        this.persons = persons;
    }

    /** The record through every step with its feed's running mapping. */
    public void normalize(FeedRecord record) {
        normalizeMappedBy(record, null);
    }

    /** The record through every step, mapped by {@code mapping} (a mapping being tried), or the running one if null. */
    public void normalizeMappedBy(FeedRecord record, Jsonata mapping) {
        decoder.decode(record);
        validator.validateSource(record);
        record.mapped(mapping == null ? mapper.apply(record.feed(), record.source())
                : mapper.apply(mapping, record.feed(), record.source()));
        limits.check(record);
        quality.check(record);
        locations.locate(record);
        persons.protect(record);
        validator.validateCase(record);
    }
}
