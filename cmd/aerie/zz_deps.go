package main

import (
	_ "github.com/cilium/ebpf"
	_ "github.com/labstack/echo/v4"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "github.com/tetratelabs/wazero"
	_ "github.com/valyala/fastjson"
	_ "gopkg.in/yaml.v3"
	_ "k8s.io/api/apps/v1"
	_ "k8s.io/apiserver/plugin/pkg/audit/webhook"
	_ "k8s.io/client-go/tools/clientcmd"
)

