/**
 * Device control: services invoked and measure points set or got on devices, synchronously (waiting
 * for the reply) or not (waiting for the device to connect), each with a record of what became of it.
 */
@NullMarked
package io.helio.platform.command;

import org.jspecify.annotations.NullMarked;
