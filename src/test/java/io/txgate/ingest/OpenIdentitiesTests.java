package io.txgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenIdentitiesTests {

    private final OpenIdentities identities = new OpenIdentities();

    @Test
    void busiestShouldListTheMostConnectedFirstAndForgetThoseWithoutConnections() {
        identities.opened("CN=a");
        identities.opened("CN=b");
        identities.opened("CN=b");
        identities.opened("CN=c");
        identities.closed("CN=c");

        assertThat(identities.busiest(10))
                .containsExactly(new OpenIdentities.Identity("CN=b", 2), new OpenIdentities.Identity("CN=a", 1));
        assertThat(identities.busiest(1)).containsExactly(new OpenIdentities.Identity("CN=b", 2));
        assertThat(identities.count()).isEqualTo(2);
    }

    @Test
    void closedWhenNeverOpenedShouldChangeNothing() {
        identities.closed("CN=ghost");

        assertThat(identities.count()).isZero();
    }
}
