/** Device connectivity: the embedded MQTT broker, EnOS device authentication, topic ACL, the device-protocol codec and replies. */
@NullMarked
package io.helio.platform.connect;

import org.jspecify.annotations.NullMarked;
