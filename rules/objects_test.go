package rules_test

// API objects for the fixtures, defaulted the way the apiserver decodes a
// request (requestObject) and stored the way it answers (responseObject).

import (
	"fmt"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
)

func ptr[T any](v T) *T { return &v }

func typeMeta(kind, apiVersion string) metav1.TypeMeta {
	return metav1.TypeMeta{Kind: kind, APIVersion: apiVersion}
}

// container returns a defaulted container running image.
func container(name, image string) corev1.Container {
	pull := corev1.PullIfNotPresent
	if !strings.Contains(image, ":") || strings.HasSuffix(image, ":latest") {
		pull = corev1.PullAlways
	}
	return corev1.Container{
		Name:  name,
		Image: image,
		Ports: []corev1.ContainerPort{{Name: "http", ContainerPort: 8080, Protocol: corev1.ProtocolTCP}},
		Resources: corev1.ResourceRequirements{
			Requests: corev1.ResourceList{
				corev1.ResourceCPU:    resource.MustParse("100m"),
				corev1.ResourceMemory: resource.MustParse("128Mi"),
			},
		},
		TerminationMessagePath:   "/dev/termination-log",
		TerminationMessagePolicy: corev1.TerminationMessageReadFile,
		ImagePullPolicy:          pull,
	}
}

// podSpec returns a defaulted pod spec with the given containers.
func podSpec(cs ...corev1.Container) corev1.PodSpec {
	return corev1.PodSpec{
		Containers:                    cs,
		RestartPolicy:                 corev1.RestartPolicyAlways,
		TerminationGracePeriodSeconds: ptr[int64](30),
		DNSPolicy:                     corev1.DNSClusterFirst,
		SecurityContext:               &corev1.PodSecurityContext{},
		SchedulerName:                 corev1.DefaultSchedulerName,
		EnableServiceLinks:            ptr(true),
		PreemptionPolicy:              ptr(corev1.PreemptLowerPriority),
		Priority:                      ptr[int32](0),
	}
}

// podOwned is a pod as a ReplicaSet (or DaemonSet) controller creates it.
type podOwned struct {
	ns, owner, ownerKind, hash string
	spec                       corev1.PodSpec
	labels                     map[string]string
	suffix                     string // random part of the generated name
}

// request is the pod the controller sends (generateName, no uid, defaulted).
func (p podOwned) request() *corev1.Pod {
	labels := map[string]string{}
	for k, v := range p.labels {
		labels[k] = v
	}
	if p.hash != "" {
		labels["pod-template-hash"] = p.hash
	}
	kind, apiVersion := p.ownerKind, "apps/v1"
	if kind == "" {
		kind = "ReplicaSet"
	}
	return &corev1.Pod{
		TypeMeta: typeMeta("Pod", "v1"),
		ObjectMeta: metav1.ObjectMeta{
			GenerateName: p.owner + "-",
			Namespace:    p.ns,
			Labels:       labels,
			OwnerReferences: []metav1.OwnerReference{{
				APIVersion: apiVersion, Kind: kind, Name: p.owner,
				UID: types.UID(uid("owner/" + p.ns + "/" + p.owner)), Controller: ptr(true), BlockOwnerDeletion: ptr(true),
			}},
		},
		Spec: p.spec,
	}
}

// response is the stored pod: named, with the service-account token volume
// and default tolerations admission adds.
func (p podOwned) response(created time.Time, rv int) *corev1.Pod {
	pod := p.request().DeepCopy()
	pod.Name = p.owner + "-" + p.suffix
	admitPod(pod, created, rv, "kube-controller-manager")
	return pod
}

// admitPod turns a request pod into the stored object.
func admitPod(pod *corev1.Pod, created time.Time, rv int, manager string) {
	pod.UID = types.UID(uid("pod/" + pod.Namespace + "/" + pod.Name))
	pod.ResourceVersion = fmt.Sprint(rv)
	pod.CreationTimestamp = metav1.NewTime(created.Truncate(time.Second))
	pod.ManagedFields = managed(manager, "Update", created, `{"f:metadata":{"f:generateName":{},"f:labels":{}},"f:spec":{"f:containers":{}}}`)
	vol := "kube-api-access-" + pod.Name[len(pod.Name)-5:]
	pod.Spec.Volumes = append(pod.Spec.Volumes, corev1.Volume{
		Name: vol,
		VolumeSource: corev1.VolumeSource{Projected: &corev1.ProjectedVolumeSource{
			DefaultMode: ptr[int32](420),
			Sources: []corev1.VolumeProjection{
				{ServiceAccountToken: &corev1.ServiceAccountTokenProjection{ExpirationSeconds: ptr[int64](3607), Path: "token"}},
				{ConfigMap: &corev1.ConfigMapProjection{
					LocalObjectReference: corev1.LocalObjectReference{Name: "kube-root-ca.crt"},
					Items:                []corev1.KeyToPath{{Key: "ca.crt", Path: "ca.crt"}},
				}},
				{DownwardAPI: &corev1.DownwardAPIProjection{Items: []corev1.DownwardAPIVolumeFile{{
					Path: "namespace", FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.namespace"},
				}}}},
			},
		}},
	})
	for i := range pod.Spec.Containers {
		c := &pod.Spec.Containers[i]
		c.VolumeMounts = append(c.VolumeMounts, corev1.VolumeMount{
			Name: vol, ReadOnly: true, MountPath: "/var/run/secrets/kubernetes.io/serviceaccount",
		})
	}
	if pod.Spec.ServiceAccountName == "" {
		pod.Spec.ServiceAccountName = "default"
	}
	pod.Spec.DeprecatedServiceAccount = pod.Spec.ServiceAccountName
	pod.Spec.Tolerations = append(pod.Spec.Tolerations,
		corev1.Toleration{Key: "node.kubernetes.io/not-ready", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr[int64](300)},
		corev1.Toleration{Key: "node.kubernetes.io/unreachable", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr[int64](300)},
	)
	pod.Status = corev1.PodStatus{Phase: corev1.PodPending, QOSClass: corev1.PodQOSBurstable}
}

func managed(manager, op string, at time.Time, fields string) []metav1.ManagedFieldsEntry {
	return []metav1.ManagedFieldsEntry{{
		Manager: manager, Operation: metav1.ManagedFieldsOperationType(op), APIVersion: "v1",
		Time: ptr(metav1.NewTime(at.Truncate(time.Second))), FieldsType: "FieldsV1",
		FieldsV1: metav1.NewFieldsV1(fields),
	}}
}

// stored gives a request object's metadata the fields the apiserver adds.
func stored(m metav1.ObjectMeta, created time.Time, rv int, manager string) metav1.ObjectMeta {
	m.UID = types.UID(uid("obj/" + m.Namespace + "/" + m.Name))
	m.ResourceVersion = fmt.Sprint(rv)
	m.CreationTimestamp = metav1.NewTime(created.Truncate(time.Second))
	m.ManagedFields = managed(manager, "Update", created, `{"f:metadata":{"f:labels":{}}}`)
	return m
}

func configMap(ns, name string, data map[string]string) *corev1.ConfigMap {
	return &corev1.ConfigMap{
		TypeMeta:   typeMeta("ConfigMap", "v1"),
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns, Labels: map[string]string{"app.kubernetes.io/part-of": "shop"}},
		Data:       data,
	}
}

func service(ns, name string, typ corev1.ServiceType, nodePort int32) *corev1.Service {
	port := corev1.ServicePort{Name: "http", Protocol: corev1.ProtocolTCP, Port: 80, TargetPort: intstr.FromInt32(8080)}
	if nodePort != 0 {
		port.NodePort = nodePort
	}
	s := &corev1.Service{
		TypeMeta:   typeMeta("Service", "v1"),
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns, Labels: map[string]string{"app": name}},
		Spec: corev1.ServiceSpec{
			Ports: []corev1.ServicePort{port}, Selector: map[string]string{"app": name},
			Type: typ, SessionAffinity: corev1.ServiceAffinityNone,
			IPFamilyPolicy:        ptr(corev1.IPFamilyPolicySingleStack),
			InternalTrafficPolicy: ptr(corev1.ServiceInternalTrafficPolicyCluster),
		},
	}
	if typ == corev1.ServiceTypeNodePort {
		s.Spec.ExternalTrafficPolicy = corev1.ServiceExternalTrafficPolicyCluster
	}
	return s
}

// serviceStored is the response: cluster IP allocated, node port assigned.
func serviceStored(s *corev1.Service, created time.Time, rv int, ip string) *corev1.Service {
	out := s.DeepCopy()
	out.ObjectMeta = stored(out.ObjectMeta, created, rv, "kubectl-create")
	out.Spec.ClusterIP, out.Spec.ClusterIPs = ip, []string{ip}
	out.Spec.IPFamilies = []corev1.IPFamily{corev1.IPv4Protocol}
	if out.Spec.Type == corev1.ServiceTypeNodePort && out.Spec.Ports[0].NodePort == 0 {
		out.Spec.Ports[0].NodePort = 31742
	}
	return out
}

func namespace(name string) *corev1.Namespace {
	return &corev1.Namespace{
		TypeMeta:   typeMeta("Namespace", "v1"),
		ObjectMeta: metav1.ObjectMeta{Name: name},
	}
}

func namespaceStored(n *corev1.Namespace, created time.Time, rv int) *corev1.Namespace {
	out := n.DeepCopy()
	out.ObjectMeta = stored(out.ObjectMeta, created, rv, "kubectl-create")
	out.Labels = map[string]string{"kubernetes.io/metadata.name": n.Name}
	out.Spec.Finalizers = []corev1.FinalizerName{corev1.FinalizerKubernetes}
	out.Status.Phase = corev1.NamespaceActive
	return out
}

func serviceAccountObj(ns, name string) *corev1.ServiceAccount {
	return &corev1.ServiceAccount{
		TypeMeta:   typeMeta("ServiceAccount", "v1"),
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns},
	}
}

func clusterRole(name string, rules ...rbacv1.PolicyRule) *rbacv1.ClusterRole {
	return &rbacv1.ClusterRole{
		TypeMeta:   typeMeta("ClusterRole", "rbac.authorization.k8s.io/v1"),
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Rules:      rules,
	}
}

func role(ns, name string, rules ...rbacv1.PolicyRule) *rbacv1.Role {
	return &rbacv1.Role{
		TypeMeta:   typeMeta("Role", "rbac.authorization.k8s.io/v1"),
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns},
		Rules:      rules,
	}
}

func rule(groups, resources, verbs []string) rbacv1.PolicyRule {
	return rbacv1.PolicyRule{APIGroups: groups, Resources: resources, Verbs: verbs}
}

func clusterRoleBinding(name, roleName string, subjects ...rbacv1.Subject) *rbacv1.ClusterRoleBinding {
	return &rbacv1.ClusterRoleBinding{
		TypeMeta:   typeMeta("ClusterRoleBinding", "rbac.authorization.k8s.io/v1"),
		ObjectMeta: metav1.ObjectMeta{Name: name},
		RoleRef:    rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: "ClusterRole", Name: roleName},
		Subjects:   subjects,
	}
}

func roleBinding(ns, name, kind, roleName string, subjects ...rbacv1.Subject) *rbacv1.RoleBinding {
	return &rbacv1.RoleBinding{
		TypeMeta:   typeMeta("RoleBinding", "rbac.authorization.k8s.io/v1"),
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns},
		RoleRef:    rbacv1.RoleRef{APIGroup: "rbac.authorization.k8s.io", Kind: kind, Name: roleName},
		Subjects:   subjects,
	}
}

func saSubject(ns, name string) rbacv1.Subject {
	return rbacv1.Subject{Kind: "ServiceAccount", Name: name, Namespace: ns}
}

func deployment(ns, name, image string, replicas int32) *appsv1.Deployment {
	labels := map[string]string{"app": name}
	return &appsv1.Deployment{
		TypeMeta:   typeMeta("Deployment", "apps/v1"),
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns, Labels: labels},
		Spec: appsv1.DeploymentSpec{
			Replicas: ptr(replicas),
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       podSpec(container(name, image)),
			},
			Strategy: appsv1.DeploymentStrategy{
				Type: appsv1.RollingUpdateDeploymentStrategyType,
				RollingUpdate: &appsv1.RollingUpdateDeployment{
					MaxUnavailable: ptr(intstr.FromString("25%")), MaxSurge: ptr(intstr.FromString("25%")),
				},
			},
			RevisionHistoryLimit:    ptr[int32](10),
			ProgressDeadlineSeconds: ptr[int32](600),
		},
	}
}

// deleteOptions is the body kubectl sends with a delete.
func deleteOptions() *metav1.DeleteOptions {
	return &metav1.DeleteOptions{
		TypeMeta:          typeMeta("DeleteOptions", "meta.k8s.io/v1"),
		PropagationPolicy: ptr(metav1.DeletePropagationBackground),
	}
}

// statusSuccess is the response body of a delete of an object that is gone at once.
func statusSuccess(kind, group, name string, uidSeed string) *metav1.Status {
	return &metav1.Status{
		TypeMeta: typeMeta("Status", "v1"),
		Status:   metav1.StatusSuccess,
		Details:  &metav1.StatusDetails{Name: name, Group: group, Kind: kind, UID: types.UID(uid(uidSeed))},
	}
}
