package io.helio.protocol.broker;

import io.moquette.broker.ISubscriptionsRepository;
import io.moquette.broker.Server;
import io.moquette.broker.subscriptions.ISubscriptionsDirectory;
import io.moquette.broker.subscriptions.Subscription;
import io.moquette.broker.subscriptions.Topic;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Moquette's subscription directory, with the topic filters that hold no wildcard (all that EnOS
 * devices subscribe to: their reply and command topics) found by a hash lookup. Moquette 0.17's own
 * trie, at each level of a topic it matches, copies the topic's remaining tokens and joins them into
 * a new string: with 1,000 devices posting, its matching of their posts and of the replies to them
 * (7 levels each) was 18.6 % of the platform's CPU samples and some 40 % of what it allocated.
 * Filters with wildcards stay in that trie, which is asked only while it holds any.
 *
 * <p>A client keeps one subscription per filter, at the highest QoS it asked for, as in the trie.
 */
final class ExactTopicSubscriptions implements ISubscriptionsDirectory {

    private final ISubscriptionsDirectory wildcards;
    /** Filter, then client id: maps replaced whole, so that a match reads one without a lock. */
    private final ConcurrentMap<String, Map<String, Subscription>> exact = new ConcurrentHashMap<>();
    /** The wildcard filters in {@link #wildcards}, by client id and filter, so that an empty trie is never walked. */
    private final Set<List<String>> wildcardFilters = ConcurrentHashMap.newKeySet();

    /** {@code wildcards}: Moquette's trie, initialized and empty. */
    ExactTopicSubscriptions(ISubscriptionsDirectory wildcards) {
        this.wildcards = wildcards;
    }

    /**
     * Puts a directory of this kind in place of the broker's own, which must still be empty. Moquette
     * 0.17 builds its directory inside {@code startServer} and hands it to its post office and its
     * session registry, with no way to give it another: both are changed by reflection. Fails, changing
     * nothing, where either does not hold it as 0.17 does.
     */
    static void replaceIn(Server broker) {
        try {
            Object postOffice = field(broker, "dispatcher").get(broker);
            Object sessions = field(broker, "sessions").get(broker);
            Field ofPostOffice = field(postOffice, "subscriptions");
            Field ofSessions = field(sessions, "subscriptionsDirectory");
            ISubscriptionsDirectory trie = (ISubscriptionsDirectory) ofPostOffice.get(postOffice);
            if (ofSessions.get(sessions) != trie || trie.size() != 0) {
                throw new IllegalStateException("the broker's post office and sessions share no empty directory");
            }
            ExactTopicSubscriptions directory = new ExactTopicSubscriptions(trie);
            ofPostOffice.set(postOffice, directory);
            ofSessions.set(sessions, directory);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("not the Moquette this was written for (0.17): " + e, e);
        }
    }

    private static Field field(Object owner, String name) throws NoSuchFieldException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private static boolean hasWildcard(Topic filter) {
        String text = filter.toString();
        return text.indexOf('+') >= 0 || text.indexOf('#') >= 0;
    }

    @Override
    public void init(ISubscriptionsRepository repository) {
        wildcards.init(repository);
    }

    @Override
    public Set<String> listAllSessionIds() {
        Set<String> clients = new HashSet<>(wildcards.listAllSessionIds());
        exact.values().forEach(subscribers -> clients.addAll(subscribers.keySet()));
        return clients;
    }

    @Override
    public List<Subscription> matchWithoutQosSharpening(Topic topic) {
        List<Subscription> matched = new ArrayList<>(exactly(topic));
        if (!wildcardFilters.isEmpty()) {
            matched.addAll(wildcards.matchWithoutQosSharpening(topic));
        }
        return matched;
    }

    /** A subscription a client, the one of highest QoS where its filters overlap. */
    @Override
    public List<Subscription> matchQosSharpening(Topic topic) {
        if (wildcardFilters.isEmpty()) {
            return new ArrayList<>(exactly(topic));
        }
        Map<String, Subscription> byClient = new HashMap<>();
        for (Subscription subscription : wildcards.matchQosSharpening(topic)) {
            byClient.put(subscription.getClientId(), subscription);
        }
        for (Subscription subscription : exactly(topic)) {
            byClient.merge(subscription.getClientId(), subscription, ExactTopicSubscriptions::higher);
        }
        return new ArrayList<>(byClient.values());
    }

    /** The subscriptions whose filter is the topic itself. */
    private Collection<Subscription> exactly(Topic topic) {
        return exact.getOrDefault(topic.toString(), Map.of()).values();
    }

    @Override
    public void add(Subscription subscription) {
        Topic filter = subscription.getTopicFilter();
        if (hasWildcard(filter)) {
            wildcardFilters.add(List.of(subscription.getClientId(), filter.toString()));
            wildcards.add(subscription);
            return;
        }
        exact.compute(filter.toString(), (text, subscribers) -> {
            Map<String, Subscription> next = new HashMap<>(subscribers == null ? Map.of() : subscribers);
            next.merge(subscription.getClientId(), subscription, ExactTopicSubscriptions::higher);
            return Map.copyOf(next);
        });
    }

    @Override
    public void removeSubscription(Topic filter, String clientId) {
        if (hasWildcard(filter)) {
            wildcards.removeSubscription(filter, clientId);
            wildcardFilters.remove(List.of(clientId, filter.toString()));
            return;
        }
        exact.computeIfPresent(filter.toString(), (text, subscribers) -> {
            Map<String, Subscription> next = new HashMap<>(subscribers);
            next.remove(clientId);
            return next.isEmpty() ? null : Map.copyOf(next);
        });
    }

    @Override
    public int size() {
        return exact.values().stream().mapToInt(Map::size).sum() + wildcardFilters.size();
    }

    @Override
    public String dumpTree() {
        return "exact filters: " + exact.keySet() + "\nwildcard filters:\n" + wildcards.dumpTree();
    }

    /** The trie's rule: a subscription again to the same filter takes effect only if it asks for a higher QoS. */
    private static Subscription higher(Subscription kept, Subscription asked) {
        return kept.qosLessThan(asked) ? asked : kept;
    }
}
