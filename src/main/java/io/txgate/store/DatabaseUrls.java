package io.txgate.store;

/** A store's JDBC URL as it may be shown: in the start-up line and the store's health details. */
public final class DatabaseUrls {

    private DatabaseUrls() {}

    /** The URL without its parameters and user info: for a server database they may hold a user name or a password. */
    public static String withoutParameters(String url) {
        if (url == null) {
            return "unknown";
        }
        int query = url.indexOf('?');
        String bare = query >= 0 ? url.substring(0, query) : url;
        int userInfo = bare.indexOf('@');
        int scheme = bare.indexOf("//");
        if (userInfo > 0 && scheme >= 0 && userInfo > scheme) {
            bare = bare.substring(0, scheme + 2) + bare.substring(userInfo + 1);
        }
        return bare;
    }
}
