package kr.anshim.backend.pipeline;

import kr.anshim.api.Ack;

import java.util.function.Consumer;

/** An event waiting in its owner's inbox; {@code reply} is called exactly once with its answer. */
record PendingEvent(AcceptedEvent event, Consumer<Ack> reply, long startedNanos) {
}
