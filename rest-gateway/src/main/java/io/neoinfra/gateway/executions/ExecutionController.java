package io.neoinfra.gateway.executions;

import io.neoinfra.gateway.problems.ApiProblemException;
import io.neoinfra.gateway.problems.PathIds;
import io.neoinfra.gateway.state.ExecutionStore;
import io.neoinfra.schemas.executions.ExecutionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/migrations/executions")
@Tag(name = "executions")
class ExecutionController {

  private final ExecutionStore executions;
  private final ExecutionSettings settings;
  private final ProgressStreams progress;

  ExecutionController(ExecutionStore executions, ExecutionSettings settings, ProgressStreams progress) {
    this.executions = executions;
    this.settings = settings;
    this.progress = progress;
  }

  @GetMapping
  @Operation(summary = "Executions, newest first; filter with search and status, page with limit and cursor")
  Map<String, Object> list(@RequestParam(required = false) String search,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String limit,
      @RequestParam(required = false) String cursor) {
    ExecutionQuery query = ExecutionQuery.parse(search, status, limit, cursor, settings);
    ExecutionQuery.Page page = query.run(executions.all());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("executions", page.items().stream().map(ExecutionSummary::of).toList());
    body.put("count", page.items().size());
    body.put("next_cursor", page.nextCursor());
    return body;
  }

  @GetMapping("/{id}")
  @Operation(summary = "One execution with the state of each target; 404 when unknown")
  ExecutionView get(@PathVariable String id) {
    return find(id);
  }

  @GetMapping(value = "/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(summary = "Live progress (Server-Sent Events): event 'target' per target change, 'execution' after "
      + "each change; ends after a terminal status")
  SseEmitter progress(@PathVariable String id) {
    return progress.open(find(id));
  }

  private ExecutionView find(String id) {
    PathIds.require(id, "execution");
    return executions.find(id).orElseThrow(() -> ApiProblemException.notFound("execution"));
  }
}
