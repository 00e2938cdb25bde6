package org.casehub.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SenderTest {

    @Test
    void aUnitsArtemisUserSpeaksForItsOwnUnitOnly() {
        Sender sender = Sender.ofArtemisUser("unit-440305007012", "unit-", false);

        assertThat(sender.speaksFor().test("440305007012")).isTrue();
        assertThat(sender.speaksFor().test("440305007")).isFalse();
        assertThat(sender.speaksFor().test("440305007013")).isFalse();
    }

    @Test
    void aUserWithoutTheUnitPrefixSpeaksForNoUnit() {
        Sender sender = Sender.ofArtemisUser("casehub", "unit-", true);

        assertThat(sender.speaksFor().test("casehub")).isFalse();
        assertThat(sender.speaksFor().test("440305")).isFalse();
    }

    @Test
    void aMessageWithoutAValidatedUserIsTakenOnlyWhereTheBrokerHasNoLogins() {
        assertThat(Sender.ofArtemisUser(null, "unit-", false).speaksFor().test("440305")).isFalse();
        assertThat(Sender.ofArtemisUser(null, "unit-", true).speaksFor().test("440305")).isTrue();
    }

    @Test
    void aReplayedMessageSpeaksForWhatItsSenderSpokeForWhenItCame() {
        Sender unit = Sender.ofArtemisUser("unit-440305", "unit-", false);
        Sender none = Sender.ofArtemisUser(null, "unit-", false);

        assertThat(Sender.ofArtemisId(unit.id(), "unit-", false).speaksFor().test("440305")).isTrue();
        assertThat(Sender.ofArtemisId(unit.id(), "unit-", false).speaksFor().test("440306")).isFalse();
        assertThat(Sender.ofArtemisId(none.id(), "unit-", false).speaksFor().test("440305")).isFalse();
        assertThat(Sender.ofArtemisId(none.id(), "unit-", true).speaksFor().test("440305")).isTrue();
    }
}
