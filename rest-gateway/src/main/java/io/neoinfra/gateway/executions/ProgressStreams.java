package io.neoinfra.gateway.executions;

import io.neoinfra.gateway.state.ExecutionListener;
import io.neoinfra.gateway.state.ExecutionStore;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.executions.TargetState;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live progress as Server-Sent Events. Each stream gets the execution at once ({@code event: execution}), then, on
 * every change the view reads, one {@code event: target} per target whose state changed and the whole execution
 * again; the stream ends after a terminal status. The view's consumer thread only hands changes to the sender pool,
 * so a slow client never holds the view back.
 */
@Component
class ProgressStreams implements ExecutionListener, DisposableBean {

  private record Subscriber(SseEmitter emitter, Map<String, TargetState> seen) {}

  private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
  private final ExecutorService senders;
  private final ExecutionSettings settings;

  ProgressStreams(ExecutionStore store, ExecutionSettings settings) {
    this.settings = settings;
    this.senders = Executors.newFixedThreadPool(settings.progressSenders(), r -> {
      Thread t = new Thread(r, "gateway-sse");
      t.setDaemon(true);
      return t;
    });
    store.addListener(this);
  }

  SseEmitter open(ExecutionView current) {
    SseEmitter emitter = new SseEmitter(settings.progressTimeout().toMillis());
    Subscriber subscriber = new Subscriber(emitter, new ConcurrentHashMap<>());
    Set<Subscriber> set = subscribers.computeIfAbsent(current.id(), k -> ConcurrentHashMap.newKeySet());
    set.add(subscriber);
    Runnable remove = () -> set.remove(subscriber);
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(e -> remove.run());
    senders.execute(() -> send(subscriber, current));
    return emitter;
  }

  @Override
  public void changed(ExecutionView view) {
    Set<Subscriber> set = subscribers.get(view.id());
    if (set == null || set.isEmpty()) {
      return;
    }
    for (Subscriber s : set) {
      senders.execute(() -> send(s, view));
    }
  }

  private void send(Subscriber s, ExecutionView view) {
    try {
      synchronized (s) {
        Map<String, TargetState> now = view.targets().stream()
            .collect(Collectors.toMap(TargetState::targetId, Function.identity(), (a, b) -> b));
        for (TargetState t : view.targets()) {
          if (!Objects.equals(s.seen().get(t.targetId()), t)) {
            s.emitter().send(SseEmitter.event().name("target").data(t, MediaType.APPLICATION_JSON));
          }
        }
        s.seen().clear();
        s.seen().putAll(now);
        s.emitter().send(SseEmitter.event().name("execution").id(view.id() + ":" + view.status())
            .data(view, MediaType.APPLICATION_JSON));
        if (view.status().terminal()) {
          s.emitter().complete();
        }
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away or the stream is already complete: it was removed by the emitter callbacks.
      s.emitter().completeWithError(e);
    }
  }

  @Override
  public void destroy() {
    subscribers.values().forEach(set -> set.forEach(s -> s.emitter().complete()));
    senders.shutdownNow();
  }
}
