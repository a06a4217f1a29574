package io.clientele.benchmarks.stack;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} in front of another that hands out the other's connections through
 * {@link #wrap}, for data sources that watch what goes through them (counting statements, cutting
 * connections on purpose); every other method is the delegate's. Thread-safe when {@link #wrap}
 * is.
 */
public abstract class DelegatingDataSource implements DataSource {

    private final DataSource delegate;

    /** In front of {@code delegate}. */
    protected DelegatingDataSource(DataSource delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The data source this one is in front of. */
    protected final DataSource delegate() {
        return delegate;
    }

    /** The connection handed out for {@code real}, one of the delegate's. */
    protected abstract Connection wrap(Connection real) throws SQLException;

    @Override
    public final Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public final Connection getConnection(String username, String password) throws SQLException {
        return wrap(delegate.getConnection(username, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return delegate.isWrapperFor(type);
    }
}
