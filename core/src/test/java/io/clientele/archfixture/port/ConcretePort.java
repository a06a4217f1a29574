package io.clientele.archfixture.port;

/** A class in a port package, which {@code ArchitectureTest} refuses. */
public class ConcretePort {
}
