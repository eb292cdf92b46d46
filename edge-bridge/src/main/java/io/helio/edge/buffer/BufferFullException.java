package io.helio.edge.buffer;

/** The buffer holds its capacity, or its intake queue is full: the message was not taken. */
public class BufferFullException extends RuntimeException {

    BufferFullException(String message) {
        super(message);
    }
}
