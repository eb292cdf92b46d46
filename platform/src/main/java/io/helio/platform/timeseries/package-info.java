/**
 * InfluxDB: the per-tenant databases, the point schema, writing and safe querying.
 *
 * <p>The schema: each tenant has its own database ({@code helio_<tenantId>}). Each product is one
 * measurement named by its product key (so one point identifier has one field type per product).
 * The tag {@code device} holds the device key. Each measure point is a field named by its identifier:
 * INT as an integer field, FLOAT and DOUBLE as float fields, BOOL as boolean, STRING as string. Time
 * has millisecond precision.
 *
 * <p>Writes go through influxdb-java on a bounded scheduler of their own. Queries go over the 1.x
 * HTTP API with WebClient: non-blocking, and parsed with Jackson so that integers stay exact
 * (influxdb-java's decoder turns every number into a double).
 */
@NullMarked
package io.helio.platform.timeseries;

import org.jspecify.annotations.NullMarked;
