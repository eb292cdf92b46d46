package io.helio.platform.rules;

/** Where a rule's alerts are POSTed, and the secret that signs them. */
record RuleWebhook(String url, String secret) {

    @Override
    public String toString() {
        return "RuleWebhook[" + url + "]"; // never the secret
    }
}
