package io.clientele.adapter.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.clientele.common.ConflictException;
import io.clientele.credit.model.Credit;
import io.clientele.credit.model.CreditChange;
import io.clientele.credit.model.CreditState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link LedgerQueriesContract} and what only the SQL stores promise: a ledger line's id is its
 * primary key, so a batch holding a taken id is refused whole. (The in-memory ledger appends such
 * a line: its lines are a list, not keyed.)
 */
abstract class SqlLedgerQueriesContract extends LedgerQueriesContract {

    @Test
    void a_batch_of_ledger_lines_holding_a_taken_id_appends_none_of_them() {
        Credit credit = insert(fx.aCredit(tenant, ana).build());
        CreditChange stored = fx.issueLine(credit, "goodwill");
        tx.run(() -> credits.append(stored));
        CreditChange fresh = line(credit, fx.nextId(), CreditState.REDEEMED);

        conflict(ConflictException.Reason.DUPLICATE, () -> tx.run(() -> credits.appendAll(List.of(fresh, stored))));
        conflict(ConflictException.Reason.DUPLICATE, () -> tx.run(() -> credits.appendAll(List.of(fresh, fresh))));

        assertThat(read(() -> credits.changes(tenant, ana))).containsExactly(stored);
    }
}
