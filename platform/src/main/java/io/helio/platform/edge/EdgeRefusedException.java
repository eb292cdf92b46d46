package io.helio.platform.edge;

/** Why an edge's connection is refused at SETUP (the reason goes back in the REJECTED_SETUP error). */
class EdgeRefusedException extends RuntimeException {

    EdgeRefusedException(String reason) {
        super("edge refused: " + reason);
    }
}
