package io.clientele.benchmarks;

import io.clientele.benchmarks.stack.DelegatingDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts the SQL statements sent through it: every {@code execute},
 * {@code executeQuery}, {@code executeUpdate}, {@code executeLargeUpdate} and {@code executeBatch}
 * of a statement made by one of its connections counts one (a batch is one round trip, as the
 * driver sends it with {@code reWriteBatchedInserts}). Connections and statements are JDK dynamic
 * proxies over the delegate's, so the delegate's pooling and driver stay as they are. Thread-safe.
 */
final class CountingDataSource extends DelegatingDataSource {

    private final AtomicLong statements = new AtomicLong();

    CountingDataSource(DataSource delegate) {
        super(delegate);
    }

    /** Statements sent since this data source was made. */
    long statements() {
        return statements.get();
    }

    @Override
    protected Connection wrap(Connection real) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object answer = invoke(real, method, args);
                    if (answer instanceof CallableStatement callable) {
                        return statement(callable, CallableStatement.class);
                    }
                    if (answer instanceof PreparedStatement prepared) {
                        return statement(prepared, PreparedStatement.class);
                    }
                    if (answer instanceof Statement plain) {
                        return statement(plain, Statement.class);
                    }
                    return answer;
                });
    }

    private Object statement(Statement real, Class<? extends Statement> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                statements.incrementAndGet();
            }
            return invoke(real, method, args);
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
