// Original file: ../../third_party/googleapis/google/api/resource.proto


/**
 * Defines a proto annotation that describes a string field that refers to
 * an API resource.
 */
export interface ResourceReference {
  /**
   * The resource type that the annotated field references.
   * 
   * Example:
   * 
   * message Subscription {
   * string topic = 2 [(google.api.resource_reference) = {
   * type: "pubsub.googleapis.com/Topic"
   * }];
   * }
   * 
   * Occasionally, a field may reference an arbitrary resource. In this case,
   * APIs use the special value * in their resource reference.
   * 
   * Example:
   * 
   * message GetIamPolicyRequest {
   * string resource = 2 [(google.api.resource_reference) = {
   * type: "*"
   * }];
   * }
   */
  'type'?: (string);
  /**
   * The resource type of a child collection that the annotated field
   * references. This is useful for annotating the `parent` field that
   * doesn't have a fixed resource type.
   * 
   * Example:
   * 
   * message ListLogEntriesRequest {
   * string parent = 1 [(google.api.resource_reference) = {
   * child_type: "logging.googleapis.com/LogEntry"
   * };
   * }
   */
  'childType'?: (string);
}

/**
 * Defines a proto annotation that describes a string field that refers to
 * an API resource.
 */
export interface ResourceReference__Output {
  /**
   * The resource type that the annotated field references.
   * 
   * Example:
   * 
   * message Subscription {
   * string topic = 2 [(google.api.resource_reference) = {
   * type: "pubsub.googleapis.com/Topic"
   * }];
   * }
   * 
   * Occasionally, a field may reference an arbitrary resource. In this case,
   * APIs use the special value * in their resource reference.
   * 
   * Example:
   * 
   * message GetIamPolicyRequest {
   * string resource = 2 [(google.api.resource_reference) = {
   * type: "*"
   * }];
   * }
   */
  'type': (string);
  /**
   * The resource type of a child collection that the annotated field
   * references. This is useful for annotating the `parent` field that
   * doesn't have a fixed resource type.
   * 
   * Example:
   * 
   * message ListLogEntriesRequest {
   * string parent = 1 [(google.api.resource_reference) = {
   * child_type: "logging.googleapis.com/LogEntry"
   * };
   * }
   */
  'childType': (string);
}
