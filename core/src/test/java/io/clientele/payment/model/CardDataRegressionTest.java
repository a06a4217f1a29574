package io.clientele.payment.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Card data hidden behind separators or phrasing the first version of the check let through. */
class CardDataRegressionTest {

    @ParameterizedTest
    @ValueSource(strings = {"4111.1111.1111.1111", "4111/1111/1111/1111",
            "4111,1111,1111,1111", "(4111)1111-1111-1111", "ref 4111\u200D1111\u200D1111\u200D1111"})
    void a_card_number_is_found_whatever_non_letter_separates_its_digits(String text) {
        assertThat(CardData.containsCardNumber(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cvv code 123", "CVC is 123", "cvc: 1 2 3", "c v c 123", "security code - 4321"})
    void a_security_code_is_found_in_common_phrasings(String text) {
        assertThat(CardData.containsCvc(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pm_1Nv0aB2eZvKYlo2C", "Visa", "cus_9s6XKzkNRiz8i3", "order 12345"})
    void provider_references_and_brands_are_not_mistaken_for_card_data(String text) {
        assertThat(CardData.containsCardNumber(text)).isFalse();
        assertThat(CardData.containsCvc(text)).isFalse();
    }
}
