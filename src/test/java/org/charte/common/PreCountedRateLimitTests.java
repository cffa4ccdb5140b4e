package org.charte.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The node's side of the busy doors' rate limit, in memory (the shared side: ConsentRateLimitTests, on H2 and PostgreSQL). */
class PreCountedRateLimitTests {

    final PreCountedRateLimit limit = new PreCountedRateLimit(new RateLimit("test", 3, Duration.ofSeconds(30)), 4);

    @Test
    @DisplayName("R8.5 a node decides from its own copy of the bucket: the burst through, then refused, one more every refill / capacity; "
            + "each client apart")
    void localBucket() {
        long t = 1_000_000;
        assertThat(List.of(limit.take("a", t), limit.take("a", t), limit.take("a", t), limit.take("a", t))).containsExactly(true, true, true, false);
        assertThat(limit.retryAfterSeconds("a", t)).isEqualTo(10);
        assertThat(limit.take("b", t)).as("another client").isTrue();
        assertThat(limit.take("a", t + 9_000)).isFalse();
        assertThat(limit.take("a", t + 10_500)).as("a token back after 10 s").isTrue();
        assertThat(limit.take("a", t + 10_600)).isFalse();
    }

    @Test
    @DisplayName("R8.5 a flush owes what the node let through, once; a failed payment is owed again; a settled copy takes the shared count "
            + "(a debt refuses until refilled) less what came after the payment was taken")
    void payments() {
        long t = 2_000_000;
        limit.take("a", t);
        limit.take("a", t);
        List<PreCountedRateLimit.Payment> due = limit.due(t);
        assertThat(due).containsExactly(new PreCountedRateLimit.Payment("a", 2));
        assertThat(limit.due(t)).as("paid once; nothing owed, nothing due (the shared count comes back by settleShared)").isEmpty();
        limit.unpaid(due.getFirst());
        assertThat(limit.due(t)).as("owed again after a failure").containsExactly(new PreCountedRateLimit.Payment("a", 2));
        limit.take("a", t);
        limit.settle("a", -2, t); // other nodes spent meanwhile: the shared bucket is in debt
        assertThat(limit.take("a", t)).isFalse();
        assertThat(limit.retryAfterSeconds("a", t)).as("-3 tokens: 4 to earn, 10 s each").isEqualTo(40);
        assertThat(limit.take("a", t + 39_000)).isFalse();
        assertThat(limit.take("a", t + 40_500)).isTrue();
        assertThat(limit.due(t + 40_500)).as("the take after the payment, and the last one").containsExactly(new PreCountedRateLimit.Payment("a", 2));
    }

    @Test
    @DisplayName("R8.5 a flush settles the copies whose shared bucket some node paid into lately (known by the bucket's name), "
            + "with what this node let through since; the others keep their count")
    void settleShared() {
        long t = 4_000_000;
        limit.take("a", t);
        limit.take("b", t);
        limit.due(t);
        limit.take("a", t + 100);
        limit.settleShared(Map.of(JdbcRateBuckets.hash("test", "a"), -1.0, JdbcRateBuckets.hash("other", "b"), -5.0), t + 200);
        assertThat(limit.take("a", t + 200)).as("-1 less the take after the payment: -2").isFalse();
        assertThat(limit.retryAfterSeconds("a", t + 200)).as("-2 tokens: 3 to earn, 10 s each").isEqualTo(30);
        assertThat(List.of(limit.take("b", t + 200), limit.take("b", t + 200), limit.take("b", t + 200)))
                .as("nobody paid into b's bucket (another limit's bucket of the same key is not its): its two tokens").containsExactly(true, true, false);
        limit.settleShared(Map.of(), t + 300);
        assertThat(limit.take("a", t + 300)).as("nothing read: the copy keeps its count").isFalse();
    }

    @Test
    @DisplayName("R8.5 memory is bounded: past the most clients a node tracks, new ones share one copy; a full copy with nothing owed is forgotten")
    void boundedMemory() {
        long t = 3_000_000;
        for (String client : List.of("a", "b", "c", "d")) {
            assertThat(limit.take(client, t)).isTrue();
        }
        assertThat(limit.clients()).isEqualTo(4);
        assertThat(List.of(limit.take("e", t), limit.take("f", t), limit.take("g", t), limit.take("h", t)))
                .as("e to h share one copy of three tokens").containsExactly(true, true, true, false);
        assertThat(limit.clients()).as("four clients and the crowd's copy").isEqualTo(5);
        limit.due(t);
        assertThat(limit.due(t + 30_000)).isEmpty();
        assertThat(limit.clients()).as("all full again, nothing owed").isZero();
    }

    @Test
    @DisplayName("R8.5 L8 the client of the busy doors is its address, an IPv6 address cut to its /64 (an address a subscriber rotates within)")
    void addressKeys() {
        assertThat(PreCountedRateLimit.addressKey("192.0.2.17")).isEqualTo("192.0.2.17");
        assertThat(PreCountedRateLimit.addressKey("2001:db8:0:42:1:2:3:4")).isEqualTo("2001:db8:0:42::/64");
        assertThat(PreCountedRateLimit.addressKey("2001:0db8:0000:0042::99")).isEqualTo("2001:db8:0:42::/64");
        assertThat(PreCountedRateLimit.addressKey("[2001:db8::1]")).isEqualTo("2001:db8:0:0::/64");
        assertThat(PreCountedRateLimit.addressKey("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
        assertThat(PreCountedRateLimit.addressKey("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(PreCountedRateLimit.addressKey("::ffff:192.0.2.1")).as("an embedded IPv4 address: whole").isEqualTo("::ffff:192.0.2.1");
    }
}
