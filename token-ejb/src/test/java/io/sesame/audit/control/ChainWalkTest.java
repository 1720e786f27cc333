package io.sesame.audit.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each attack on the chain by someone who can write the database (not the pepper, not the data directory). */
class ChainWalkTest {

    private static final byte[] KEY = "chain-key-derived-from-the-pepper".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** Events by id with their current content hash; the chain as stored; the head exported after sealing. */
    private final Map<Long, String> events = new HashMap<>();
    private final List<ChainWalk.Link> chain = new ArrayList<>();

    private ChainHead sealed(int count) {
        String prev = HashChain.GENESIS;
        for (long seq = 1; seq <= count; seq++) {
            String content = HashChain.sha256("event " + seq);
            events.put(seq, content);
            String hash = HashChain.keyedEntryHash(KEY, seq, HashChain.CALL, seq, content, prev);
            chain.add(new ChainWalk.Link(seq, 2, HashChain.CALL, seq, content, prev, hash, T0.plusSeconds(seq)));
            prev = hash;
        }
        ChainWalk.Link last = chain.get(chain.size() - 1);
        return ChainHead.of(last.seq(), last.entryHash(), last.sealedAt(), T0.plusSeconds(count + 5));
    }

    private ChainWalk.Outcome verify(ChainHead head) {
        ChainWalk walk = new ChainWalk(KEY, 1, HashChain.GENESIS, head);
        for (ChainWalk.Link link : chain) {
            if (!walk.accept(link, events.get(link.eventId()))) {
                break;
            }
        }
        return walk.finish();
    }

    @Test
    void an_untouched_chain_verifies_and_matches_its_exported_head() {
        ChainHead head = sealed(10);
        ChainWalk.Outcome outcome = verify(head);
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.verified()).isEqualTo(10);
        assertThat(outcome.head()).isEqualTo(ChainWalk.HeadCheck.MATCHED);
        assertThat(verify(null).head()).isEqualTo(ChainWalk.HeadCheck.NONE_EXPORTED);
    }

    @Test
    void deleting_the_newest_entries_and_their_events_is_truncation_the_head_reveals() {
        ChainHead head = sealed(10);
        chain.subList(7, 10).clear();
        events.keySet().removeIf(id -> id > 7);
        assertThat(verify(null).ok()).as("without the exported head the shorter chain looks sound").isTrue();
        ChainWalk.Outcome outcome = verify(head);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.brokenAt().reason()).contains("entries 8..10 are missing").contains("newest entries were deleted");
    }

    @Test
    void editing_an_event_and_recomputing_the_chain_without_the_key_is_caught() {
        ChainHead head = sealed(10);
        events.put(4L, HashChain.sha256("forged event 4"));
        // the attacker recomputes entry 4 and every later one, keyed with a key of their own
        byte[] guess = "not-the-key".getBytes(StandardCharsets.UTF_8);
        String prev = chain.get(2).entryHash();
        for (int i = 3; i < 10; i++) {
            ChainWalk.Link old = chain.get(i);
            String content = events.get(old.eventId());
            String hash = HashChain.keyedEntryHash(guess, old.seq(), old.eventType(), old.eventId(), content, prev);
            chain.set(i, new ChainWalk.Link(old.seq(), 2, old.eventType(), old.eventId(), content, prev, hash, old.sealedAt()));
            prev = hash;
        }
        ChainWalk.Outcome outcome = verify(head);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.brokenAt().seq()).isEqualTo(4);
        assertThat(outcome.brokenAt().reason()).contains("keyed hash does not match");
    }

    @Test
    void rewriting_the_chain_as_unkeyed_entries_is_caught() {
        ChainHead head = sealed(6);
        events.put(5L, HashChain.sha256("forged event 5"));
        String prev = chain.get(3).entryHash();
        for (int i = 4; i < 6; i++) {
            ChainWalk.Link old = chain.get(i);
            String content = events.get(old.eventId());
            String hash = HashChain.entryHash(old.seq(), old.eventType(), old.eventId(), content, prev);
            chain.set(i, new ChainWalk.Link(old.seq(), 1, old.eventType(), old.eventId(), content, prev, hash, old.sealedAt()));
            prev = hash;
        }
        ChainWalk.Outcome outcome = verify(head);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.brokenAt().seq()).isEqualTo(5);
        assertThat(outcome.brokenAt().reason()).contains("unkeyed entry follows keyed ones");
    }

    @Test
    void a_chain_rewritten_from_the_start_no_longer_holds_the_exported_head() {
        // the whole chain forged as version 1 (no key needed): sound on its own, but not the chain that was exported
        ChainHead head = sealed(5);
        chain.clear();
        String prev = HashChain.GENESIS;
        for (long seq = 1; seq <= 5; seq++) {
            String content = events.get(seq);
            String hash = HashChain.entryHash(seq, HashChain.CALL, seq, content, prev);
            chain.add(new ChainWalk.Link(seq, 1, HashChain.CALL, seq, content, prev, hash, T0.plusSeconds(seq)));
            prev = hash;
        }
        ChainWalk.Outcome outcome = verify(head);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.brokenAt().reason()).contains("not the one exported").contains("rewritten");
    }

    @Test
    void entries_sealed_unkeyed_before_the_upgrade_still_verify_and_keyed_ones_follow() {
        String prev = HashChain.GENESIS;
        for (long seq = 1; seq <= 6; seq++) {
            String content = HashChain.sha256("event " + seq);
            events.put(seq, content);
            int version = seq <= 3 ? 1 : 2;
            String hash = version == 1 ? HashChain.entryHash(seq, HashChain.LIFECYCLE, seq, content, prev)
                    : HashChain.keyedEntryHash(KEY, seq, HashChain.LIFECYCLE, seq, content, prev);
            chain.add(new ChainWalk.Link(seq, version, HashChain.LIFECYCLE, seq, content, prev, hash, T0.plusSeconds(seq)));
            prev = hash;
        }
        ChainWalk.Outcome outcome = verify(null);
        assertThat(outcome.ok()).as(String.valueOf(outcome.brokenAt())).isTrue();
        assertThat(outcome.verified()).isEqualTo(6);
    }

    @Test
    void deleting_a_run_of_entries_from_the_middle_names_the_run() {
        ChainHead head = sealed(10);
        chain.subList(3, 6).clear(); // entries 4, 5, 6
        ChainWalk.Outcome outcome = verify(head);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.brokenAt().reason()).isEqualTo("entries 4..6 are missing (deleted)");
    }

    @Test
    void an_edited_or_deleted_event_is_named() {
        ChainHead head = sealed(5);
        events.put(2L, HashChain.sha256("edited"));
        assertThat(verify(head).brokenAt().reason()).contains("modified after it was sealed");
        events.put(2L, HashChain.sha256("event 2"));
        events.remove(3L);
        assertThat(verify(head).brokenAt().reason()).contains("was deleted");
    }

    @Test
    void an_exported_head_signed_with_another_key_or_edited_is_refused() {
        ChainHead head = ChainHead.of(7, "ab".repeat(32), T0, T0.plusSeconds(3));
        String json = head.toJson(KEY);
        assertThat(ChainHead.parse(json, KEY)).isEqualTo(head);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChainHead.parse(json, "other".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("signature does not match");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChainHead.parse(json.replace("\"seq\":7", "\"seq\":3"), KEY))
                .hasMessageContaining("signature does not match");
    }
}
