package io.txgate.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseUrlsTests {

    @Test
    void urlWhenShownShouldLoseItsParametersAndUserInfo() {
        assertThat(DatabaseUrls.withoutParameters("jdbc:postgresql://txgate:secret@db.example:5432/txgate?password=x"))
                .isEqualTo("jdbc:postgresql://db.example:5432/txgate");
        assertThat(DatabaseUrls.withoutParameters("jdbc:sqlite:data/txgate.db?journal_mode=WAL"))
                .isEqualTo("jdbc:sqlite:data/txgate.db");
        assertThat(DatabaseUrls.withoutParameters(null)).isEqualTo("unknown");
    }
}
