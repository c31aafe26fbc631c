package io.txgate.client;

/** The client's way into the outbound TCP flow: one request frame out, its reply frame back. */
interface BatchGateway {

    /**
     * Sends one frame and waits for its reply.
     *
     * @param frame the request frame without its line ending
     * @return the reply frame without its line ending
     * @throws org.springframework.messaging.MessagingException when the server cannot be reached, the connection
     *     drops, or no reply comes within the reply timeout
     */
    byte[] exchange(String frame);
}
