package io.clientele.archfixture.model;

import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.model.EmailAddress;
import org.hibernate.validator.HibernateValidator;

/** Breaks the architecture rules on purpose, so that {@code ArchitectureTest} can show they bite. */
public final class LeakyModel {

    /** A framework type in a model class. */
    public HibernateValidator provider = new HibernateValidator();

    /** Another context's model. */
    public EmailAddress email = EmailAddress.of("ana@example.com");

    /** An adapter. */
    public InMemoryAdapters adapters = InMemoryAdapters.create();
}
