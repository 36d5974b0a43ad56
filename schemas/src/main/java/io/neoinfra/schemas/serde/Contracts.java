package io.neoinfra.schemas.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoinfra.schemas.executions.ExecutionView;
import io.neoinfra.schemas.health.HealthRequest;
import io.neoinfra.schemas.health.HealthResult;
import io.neoinfra.schemas.registry.DatabaseRecord;
import io.neoinfra.schemas.registry.TenantRecord;
import io.neoinfra.schemas.tasks.MigrationTask;
import io.neoinfra.schemas.tasks.TaskResult;
import io.neoinfra.schemas.validation.Contract;
import io.neoinfra.schemas.validation.ContractValidator;

/**
 * The codecs and serdes of the internal records, built once per component around one mapper and one validator
 * (schema loading is the expensive part). Writing validates too: a record that breaks its contract is a bug here.
 */
public final class Contracts {

  private final ObjectMapper mapper;
  private final ContractValidator validator;
  private final ContractSerde<MigrationTask> tasks;
  private final ContractSerde<TaskResult> results;
  private final ContractSerde<ExecutionView> executions;
  private final ContractSerde<DatabaseRecord> databases;
  private final ContractSerde<TenantRecord> tenants;
  private final ContractSerde<HealthRequest> healthRequests;
  private final ContractSerde<HealthResult> healthResults;

  public Contracts() {
    this(NeoJson.newMapper(), new ContractValidator());
  }

  public Contracts(ObjectMapper mapper, ContractValidator validator) {
    this.mapper = mapper;
    this.validator = validator;
    this.tasks = serde(MigrationTask.class, Contract.MIGRATION_TASK);
    this.results = serde(TaskResult.class, Contract.TASK_RESULT);
    this.executions = new ContractSerde<>(new ContractCodec<>(ExecutionView.class, Contract.EXECUTION_VIEW, mapper,
        validator, true, ContractCodec.MAX_EXECUTION_VIEW_BYTES));
    this.databases = serde(DatabaseRecord.class, Contract.DATABASE_RECORD);
    this.tenants = serde(TenantRecord.class, Contract.TENANT_RECORD);
    this.healthRequests = serde(HealthRequest.class, Contract.HEALTH_REQUEST);
    this.healthResults = serde(HealthResult.class, Contract.HEALTH_RESULT);
  }

  private <T> ContractSerde<T> serde(Class<T> type, Contract contract) {
    return new ContractSerde<>(new ContractCodec<>(type, contract, mapper, validator, true));
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public ContractValidator validator() {
    return validator;
  }

  public ContractSerde<MigrationTask> tasks() {
    return tasks;
  }

  public ContractSerde<TaskResult> results() {
    return results;
  }

  public ContractSerde<ExecutionView> executions() {
    return executions;
  }

  public ContractSerde<DatabaseRecord> databases() {
    return databases;
  }

  public ContractSerde<TenantRecord> tenants() {
    return tenants;
  }

  public ContractSerde<HealthRequest> healthRequests() {
    return healthRequests;
  }

  public ContractSerde<HealthResult> healthResults() {
    return healthResults;
  }
}
