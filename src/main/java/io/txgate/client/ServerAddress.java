package io.txgate.client;

/** One server the client may send to: {@code host:port}, or {@code [v6-address]:port}. */
record ServerAddress(String host, int port) {

    ServerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 1-65535");
        }
    }

    /** Parses {@code host:port}; the message says what is wrong, for the caller to name the setting. */
    static ServerAddress parse(String text) {
        String value = text == null ? "" : text.trim();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("'" + value + "' is not host:port");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + value + "': write an IPv6 address in brackets, [::1]:9400");
        }
        try {
            return new ServerAddress(host, Integer.parseInt(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' has no numeric port");
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
