package org.charte.commerce.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.charte.common.InvalidInputException;
import org.charte.common.InvalidInputException.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * L7 at the door: bank card data is never accepted, so it cannot be stored. A payment body naming a
 * card number, a security code (CVV, CVC...) or an expiry date is refused whole, each such field
 * named, before anything is read from it; so is any field a payment does not have. The refused value
 * is never repeated.
 */
final class CardData {

    static final String NOT_A_CARD_NUMBER = "looks like a card number: send the payment provider's token, never the card number";

    private static final String SECURITY_CODE = "a card security code (CVV/CVC) is never accepted nor stored (L7)";
    private static final String CARD_NUMBER = "a card number is never accepted nor stored (L7): send the payment provider's token and the last four digits";
    private static final String EXPIRY = "a card's expiry date is never accepted nor stored (L7)";

    /** Field names, lower-cased without separators, that carry what must never be kept. */
    private static final Map<String, String> FORBIDDEN = Map.ofEntries(
            Map.entry("cvv", SECURITY_CODE), Map.entry("cvv2", SECURITY_CODE), Map.entry("cvc", SECURITY_CODE),
            Map.entry("cvc2", SECURITY_CODE), Map.entry("cvn", SECURITY_CODE), Map.entry("cid", SECURITY_CODE),
            Map.entry("csc", SECURITY_CODE), Map.entry("securitycode", SECURITY_CODE), Map.entry("cardsecuritycode", SECURITY_CODE),
            Map.entry("cardverificationvalue", SECURITY_CODE), Map.entry("cardverificationcode", SECURITY_CODE),
            Map.entry("cardnumber", CARD_NUMBER), Map.entry("cardno", CARD_NUMBER), Map.entry("pan", CARD_NUMBER),
            Map.entry("primaryaccountnumber", CARD_NUMBER), Map.entry("ccnumber", CARD_NUMBER), Map.entry("creditcardnumber", CARD_NUMBER),
            Map.entry("expiry", EXPIRY), Map.entry("expirydate", EXPIRY), Map.entry("expirationdate", EXPIRY),
            Map.entry("cardexpiry", EXPIRY), Map.entry("expmonth", EXPIRY), Map.entry("expyear", EXPIRY));

    static final Set<String> PAYMENT_FIELDS = Set.of("amount", "currency", "paidOn", "method", "cardToken", "cardLastFour");

    private CardData() {}

    /** Refuses a payment body carrying card data or fields a payment does not have; every such field named. */
    static void refuseCardData(JsonNode body) {
        if (!body.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        scan(body, "", errors);
        for (String name : body.propertyNames()) {
            if (!PAYMENT_FIELDS.contains(name) && FORBIDDEN.get(normalised(name)) == null) {
                errors.add(new FieldError(name, "is not a field of a payment"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static void scan(JsonNode node, String path, List<FieldError> errors) {
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                String field = path.isEmpty() ? name : path + "." + name;
                String message = FORBIDDEN.get(normalised(name));
                if (message != null) {
                    errors.add(new FieldError(field, message));
                }
                scan(node.get(name), field, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                scan(node.get(i), path + "[" + i + "]", errors);
            }
        }
    }

    private static String normalised(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** A token that is nothing but 12 to 19 digits is a card number sent by mistake, not a provider's token. */
    static boolean looksLikeCardNumber(String token) {
        return token.matches("[0-9]{12,19}");
    }
}
