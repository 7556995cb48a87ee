package kube

import "encoding/json"

// The wire structs hold the only fields of the apiserver's JSON that the
// cache reads; encoding/json skips the rest.

type wireMeta struct {
	UID             string            `json:"uid"`
	Name            string            `json:"name"`
	Namespace       string            `json:"namespace"`
	ResourceVersion string            `json:"resourceVersion"`
	Labels          map[string]string `json:"labels"`
}

type wireListMeta struct {
	ResourceVersion string `json:"resourceVersion"`
	Continue        string `json:"continue"`
}

type wirePodList struct {
	Metadata wireListMeta `json:"metadata"`
	Items    []wirePod    `json:"items"`
}

type wirePod struct {
	Metadata wireMeta      `json:"metadata"`
	Spec     wirePodSpec   `json:"spec"`
	Status   wirePodStatus `json:"status"`
}

type wirePodSpec struct {
	Containers          []wireContainer `json:"containers"`
	InitContainers      []wireContainer `json:"initContainers"`
	EphemeralContainers []wireContainer `json:"ephemeralContainers"`
}

type wireContainer struct {
	Name            string `json:"name"`
	Image           string `json:"image"`
	SecurityContext *struct {
		Privileged *bool `json:"privileged"`
	} `json:"securityContext"`
}

type wirePodStatus struct {
	PodIP                      string                `json:"podIP"`
	ContainerStatuses          []wireContainerStatus `json:"containerStatuses"`
	InitContainerStatuses      []wireContainerStatus `json:"initContainerStatuses"`
	EphemeralContainerStatuses []wireContainerStatus `json:"ephemeralContainerStatuses"`
}

type wireContainerStatus struct {
	Name        string    `json:"name"`
	ContainerID string    `json:"containerID"`
	Image       string    `json:"image"`
	ImageID     string    `json:"imageID"`
	State       wireState `json:"state"`
	LastState   wireState `json:"lastState"`
}

type wireState struct {
	Running *struct {
		StartedAt string `json:"startedAt"`
	} `json:"running"`
	Terminated *struct {
		StartedAt   string `json:"startedAt"`
		ContainerID string `json:"containerID"`
	} `json:"terminated"`
}

// wireStatus is a metav1.Status: the body of an error answer, and the object
// of a watch ERROR event.
type wireStatus struct {
	Status  string `json:"status"`
	Message string `json:"message"`
	Reason  string `json:"reason"`
	Code    int    `json:"code"`
}

// wireEvent is one event of a watch stream.
type wireEvent struct {
	Type   string          `json:"type"`
	Object json.RawMessage `json:"object"`
}
