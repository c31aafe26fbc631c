package io.txgate.api;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A request parameter that breaks its rule; the reason names the parameter. */
class BadRequestException extends ResponseStatusException {

    BadRequestException(String reason) {
        super(HttpStatus.BAD_REQUEST, reason);
    }
}
