package io.clientele.adapter.jpa;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.URL;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Clientele's persistence unit without a {@code persistence.xml}: the entity classes of {@link
 * JpaAdapters#entityClasses()}, a non-JTA {@link DataSource}, resource-local transactions. The
 * standard SPI of Jakarta Persistence 3.1 and 3.2, so it boots Hibernate 6.6 and 7.x alike.
 */
final class ClientelePersistenceUnit implements PersistenceUnitInfo {

    static final String NAME = "clientele";

    private final DataSource dataSource;
    private final Properties properties;

    ClientelePersistenceUnit(DataSource dataSource, Properties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @Override
    public String getPersistenceUnitName() {
        return NAME;
    }

    @Override
    public String getPersistenceProviderClassName() {
        return "org.hibernate.jpa.HibernatePersistenceProvider";
    }

    // Jakarta Persistence 3.2 deprecates (for removal) the SPI enum in favour of jakarta.persistence's own, which
    // 3.1 (Hibernate 6.6) does not have; this SPI method answers the SPI enum in both
    @Override
    @SuppressWarnings("removal")
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return dataSource;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        return null;
    }

    @Override
    public List<String> getManagedClassNames() {
        return JpaAdapters.entityClasses().stream().map(Class::getName).toList();
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.1";
    }

    @Override
    public ClassLoader getClassLoader() {
        return ClientelePersistenceUnit.class.getClassLoader();
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // no bytecode enhancement at run time: the entities are plain classes
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return null;
    }

    /** Jakarta Persistence 3.2: no CDI scope for the unit's entity manager. */
    public String getScopeAnnotationName() {
        return null;
    }

    /** Jakarta Persistence 3.2: no CDI qualifiers. */
    public List<String> getQualifierAnnotationNames() {
        return List.of();
    }
}
