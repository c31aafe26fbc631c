package io.txgate.ops;

import java.util.List;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Turns a start-up failure caused by one of our settings into Spring Boot's short failure report (what is wrong with
 * which setting, and what to do), instead of a stack trace or a report that leads with exception class names.
 *
 * <p>Our settings fail in three ways, found anywhere in the exception's causes:
 *
 * <ul>
 *   <li>an {@link InvalidConfigurationPropertyValueException} naming the setting, its value and the reason;
 *   <li>a {@link FailureAnalyzedException}, which carries its own description and action;
 *   <li>a {@link NoSuchSslBundleException} for the bundle one of our TLS settings names;
 *   <li>any other exception whose message starts with the setting's name ({@code txgate.store.writers=2 needs ...}),
 *       the convention our settings records and checks follow.
 * </ul>
 *
 * It runs before Spring Boot's own analyzers: a failure thrown while a settings record is bound is wrapped in a
 * binding exception, whose analyzer would otherwise report it as "Reason: java.lang.IllegalArgumentException: ...".
 * Registered in {@code META-INF/spring.factories}.
 */
class SettingsFailureAnalyzer implements FailureAnalyzer, Ordered {

    private static final String SETTINGS_ADVICE =
            "Every txgate.* setting, its default and meaning is in docs/operations.md and in the top-level application.yml.";

    /** Our settings that name an SSL bundle. */
    private static final List<String> BUNDLE_SETTINGS = List.of("txgate.server.ssl.bundle", "txgate.client.ssl.bundle");

    private final Environment environment;

    /** @param environment the application's settings, for where a value came from; null when the start failed early */
    SettingsFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        Throwable named = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof FailureAnalyzedException analyzed) {
                return analyzed.analysis();
            }
            if (cause instanceof InvalidConfigurationPropertyValueException invalid) {
                return invalidValue(invalid);
            }
            if (cause instanceof NoSuchSslBundleException missing) {
                return missingBundle(missing.getBundleName(), failure);
            }
            if (cause.getMessage() != null && cause.getMessage().startsWith("txgate.")) {
                // The deepest one: outer exceptions only repeat it with more words around it.
                named = cause;
            }
        }
        if (named == null) {
            return null;
        }
        String setting = named.getMessage().split("[\\s=:(\\[]", 2)[0];
        return new FailureAnalysis(
                "Invalid setting " + setting + ": " + named.getMessage(),
                "Change " + setting + origin(setting) + ". " + SETTINGS_ADVICE,
                failure);
    }

    private FailureAnalysis invalidValue(InvalidConfigurationPropertyValueException invalid) {
        String value = invalid.getValue() == null ? "" : String.valueOf(invalid.getValue());
        return new FailureAnalysis(
                (value.isEmpty()
                                ? "The setting " + invalid.getName() + " is missing or empty"
                                : "Invalid value '" + value + "' for the setting " + invalid.getName())
                        + ": " + invalid.getReason(),
                (value.isEmpty() ? "Set " : "Change ") + invalid.getName() + origin(invalid.getName()) + ". "
                        + SETTINGS_ADVICE,
                invalid);
    }

    /** A TLS setting names an SSL bundle that is not defined: name the setting that names it, if it is ours. */
    private FailureAnalysis missingBundle(String bundle, Throwable failure) {
        String setting = null;
        for (String candidate : BUNDLE_SETTINGS) {
            if (environment != null && bundle.equals(environment.getProperty(candidate))) {
                setting = candidate;
            }
        }
        String define = "define it under spring.ssl.bundle.pem." + bundle + ".* or spring.ssl.bundle.jks." + bundle
                + ".* (docs/security.md)";
        if (setting == null) {
            return new FailureAnalysis(
                    "There is no SSL bundle named '" + bundle + "'.", "Define it, or name another: " + define, failure);
        }
        return new FailureAnalysis(
                "Invalid value '" + bundle + "' for the setting " + setting + ": there is no SSL bundle of that name.",
                "Change " + setting + origin(setting) + ", or " + define + ".",
                failure);
    }

    /** Where the setting's value comes from, e.g. {@code (set in "txgate.client.port" from property source ...)}. */
    private String origin(String setting) {
        if (environment == null) {
            return "";
        }
        // An element of a list given as one comma-separated value is found under the list's own name.
        for (String candidate : new String[] {setting, setting.replaceAll("\\[\\d+]$", "")}) {
            if (!ConfigurationPropertyName.isValid(candidate)) {
                continue;
            }
            ConfigurationPropertyName name = ConfigurationPropertyName.of(candidate);
            for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
                ConfigurationProperty property = source.getConfigurationProperty(name);
                if (property != null && property.getOrigin() != null) {
                    return " (set in " + property.getOrigin() + ")";
                }
            }
        }
        return "";
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
