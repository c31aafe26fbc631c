package io.txgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class QueryStringCheckTests {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "account=ACC-1",
                "account=ACC-1&limit=10&cursor=MjAyNi0x",
                "from=2026-11-25T10%3A00%3A00%2B01%3A00",
                "a=caf%C3%A9&b=+&c",
                "flag&&x="
            })
    void queryWhenWellFormedShouldPass(String query) {
        assertThat(QueryStringCheck.firstBrokenParameter(query)).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "'account=A&cursor=%%%', cursor",
        "'cursor=%', cursor",
        "'cursor=%4', cursor",
        "'cursor=%zz', cursor",
        "'account=%FF', account",
        "'account=%C3', account",
        "'account=A&%FF=1', a parameter name",
        "'account=A&bad%20name%ZZ=1', a parameter name",
        "'x%20y=%%', a parameter name"
    })
    void queryWhenMalformedShouldNameTheParameter(String query, String named) {
        assertThat(QueryStringCheck.firstBrokenParameter(query)).isEqualTo(named);
    }
}
