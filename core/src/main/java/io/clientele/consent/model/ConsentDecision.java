package io.clientele.consent.model;

/** A client's answer for one preference. */
public enum ConsentDecision {
    OPT_IN,
    OPT_OUT
}
