package io.txgate.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;

/**
 * Creates server connections whose input stream is buffered.
 *
 * <p>{@link TcpNetConnection} hands the deserializer the socket's raw stream, and framing must read byte by byte to
 * stop at the LF, so without a buffer every byte is a system call: about a second per MiB. One buffer per connection,
 * kept for its whole life, is safe because only the connection's own reader thread reads from it.
 */
class BufferedTcpNetConnectionSupport extends DefaultTcpNetConnectionSupport {

    private static final int BUFFER_BYTES = 16 * 1024;

    @Override
    public TcpNetConnection createNewConnection(
            Socket socket,
            boolean server,
            boolean lookupHost,
            ApplicationEventPublisher applicationEventPublisher,
            String connectionFactoryName) {
        return new BufferedTcpNetConnection(
                socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
    }

    static final class BufferedTcpNetConnection extends TcpNetConnection {

        private final Object lock = new Object();
        private InputStream buffered;

        BufferedTcpNetConnection(
                Socket socket,
                boolean server,
                boolean lookupHost,
                ApplicationEventPublisher applicationEventPublisher,
                String connectionFactoryName) {
            super(socket, server, lookupHost, applicationEventPublisher, connectionFactoryName);
        }

        @Override
        protected InputStream inputStream() throws IOException {
            // Spring Integration also asks for the stream (as a state key) from other threads, so create it once.
            synchronized (lock) {
                if (buffered == null) {
                    buffered = new BufferedInputStream(super.inputStream(), BUFFER_BYTES);
                }
                return buffered;
            }
        }
    }
}
