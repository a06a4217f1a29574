package io.clientele.archfixture.model;

import io.clientele.adapter.memory.InMemoryAdapters;
import io.clientele.client.model.EmailAddress;
import io.clientele.client.model.GroupId;
import java.util.UUID;
import org.hibernate.validator.HibernateValidator;

/** Breaks the architecture rules on purpose, so that {@code ArchitectureTest} can show they bite. */
public final class LeakyModel {

    /** A framework type in a model class. */
    public HibernateValidator provider = new HibernateValidator();

    /** Another context's model. */
    public EmailAddress email = EmailAddress.of("ana@example.com");

    /** Another context's id record: allowed, a model refers to another context's aggregate by identity. */
    public GroupId group = new GroupId(UUID.randomUUID());

    /** An adapter. */
    public InMemoryAdapters adapters = InMemoryAdapters.create();
}
