// cyclonus-shim: runs policy-assistant's (formerly cyclonus) policy matcher on a batch of traffic
// and prints JSON verdicts, so netpol's differential harness needs no table parsing.
// Input (stdin): a stream of JSON cases {"simplify", "policies": [NetworkPolicy...], "endpoints", "protocols", "ports"}.
// Output (stdout): one line per case, {"allowed": "0110..."} or {"error": "..."}
// (a matcher panic on one case is that case's error, not the end of the batch).
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/mattfenwick/cyclonus/pkg/matcher"
	v1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
)

type endpoint struct {
	Internal        bool              `json:"internal"`
	IP              string            `json:"ip"`
	Namespace       string            `json:"namespace,omitempty"`
	NamespaceLabels map[string]string `json:"namespaceLabels,omitempty"`
	PodLabels       map[string]string `json:"podLabels,omitempty"`
	// "PROTOCOL/port" -> the container port name, for named ports at this destination.
	PortNames map[string]string `json:"portNames,omitempty"`
}

type input struct {
	Simplify  bool                          `json:"simplify"`
	Policies  []*networkingv1.NetworkPolicy `json:"policies"`
	Endpoints []endpoint                    `json:"endpoints"`
	Protocols []string                      `json:"protocols"`
	Ports     []int                         `json:"ports"`
}

func toPeer(e endpoint) *matcher.TrafficPeer {
	out := &matcher.TrafficPeer{IP: e.IP}
	if e.Internal {
		out.Internal = &matcher.InternalPeer{PodLabels: e.PodLabels, NamespaceLabels: e.NamespaceLabels, Namespace: e.Namespace}
	}
	return out
}

// defaultPolicyTypes applies the API server's defaulting, which the matcher expects to have happened.
func defaultPolicyTypes(np *networkingv1.NetworkPolicy) {
	if len(np.Spec.PolicyTypes) > 0 {
		return
	}
	np.Spec.PolicyTypes = []networkingv1.PolicyType{networkingv1.PolicyTypeIngress}
	if len(np.Spec.Egress) > 0 {
		np.Spec.PolicyTypes = append(np.Spec.PolicyTypes, networkingv1.PolicyTypeEgress)
	}
}

// run answers every (src, dst, protocol, port) with at least one internal side, in that nesting
// order, as a string of '1' (allowed) and '0' (denied).
func run(in *input) (out map[string]any) {
	defer func() {
		if r := recover(); r != nil {
			out = map[string]any{"error": fmt.Sprint(r)}
		}
	}()
	for _, np := range in.Policies {
		defaultPolicyTypes(np)
	}
	policy := matcher.BuildNetworkPolicies(in.Simplify, in.Policies)
	var b strings.Builder
	for _, src := range in.Endpoints {
		for _, dst := range in.Endpoints {
			if !src.Internal && !dst.Internal {
				continue
			}
			for _, proto := range in.Protocols {
				for _, port := range in.Ports {
					r := policy.IsTrafficAllowed(&matcher.Traffic{
						Source:           toPeer(src),
						Destination:      toPeer(dst),
						ResolvedPort:     port,
						ResolvedPortName: dst.PortNames[fmt.Sprintf("%s/%d", proto, port)],
						Protocol:         v1.Protocol(proto),
					})
					if r.IsAllowed() {
						b.WriteByte('1')
					} else {
						b.WriteByte('0')
					}
				}
			}
		}
	}
	return map[string]any{"allowed": b.String()}
}

func main() {
	dec := json.NewDecoder(os.Stdin)
	enc := json.NewEncoder(os.Stdout)
	for {
		var in input
		if err := dec.Decode(&in); err == io.EOF {
			return
		} else if err != nil {
			_ = enc.Encode(map[string]any{"error": "bad input: " + err.Error()})
			os.Exit(2)
		}
		if err := enc.Encode(run(&in)); err != nil {
			os.Exit(1)
		}
	}
}
