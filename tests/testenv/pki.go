package testenv

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// PKI is a throwaway certificate authority with a serving certificate for
// 127.0.0.1 and a client certificate (as the apiserver's webhook kubeconfig
// carries one), as PEM bytes, as files in a temporary directory, and as Go
// values for clients.
type PKI struct {
	CAPEM, ServerPEM, ServerKeyPEM, ClientPEM, ClientKeyPEM []byte
	CAFile, ServerCert, ServerKey, ClientCert, ClientKey    string
	Pool                                                    *x509.CertPool
	Client                                                  tls.Certificate
}

// NewPKI makes a fresh PKI; every call has its own CA.
func NewPKI(t testing.TB) *PKI {
	t.Helper()
	dir := t.TempDir()
	caKey, caCert, caDER := issue(t, "aerie-test-ca", nil, nil, true, nil)
	p := &PKI{CAPEM: pemOf("CERTIFICATE", caDER), Pool: x509.NewCertPool()}
	p.Pool.AddCert(caCert)
	sKey, _, sDER := issue(t, "aerie-webhook", caCert, caKey, false, []net.IP{net.ParseIP("127.0.0.1")})
	p.ServerPEM, p.ServerKeyPEM = pemOf("CERTIFICATE", sDER), keyPEM(t, sKey)
	cKey, _, cDER := issue(t, "kube-apiserver", caCert, caKey, false, nil)
	p.ClientPEM, p.ClientKeyPEM = pemOf("CERTIFICATE", cDER), keyPEM(t, cKey)
	p.CAFile = write(t, dir, "ca.crt", p.CAPEM)
	p.ServerCert, p.ServerKey = write(t, dir, "tls.crt", p.ServerPEM), write(t, dir, "tls.key", p.ServerKeyPEM)
	p.ClientCert, p.ClientKey = write(t, dir, "client.crt", p.ClientPEM), write(t, dir, "client.key", p.ClientKeyPEM)
	var err error
	if p.Client, err = tls.X509KeyPair(p.ClientPEM, p.ClientKeyPEM); err != nil {
		t.Fatal(err)
	}
	return p
}

func issue(t testing.TB, cn string, parent *x509.Certificate, parentKey *ecdsa.PrivateKey, ca bool, ips []net.IP) (*ecdsa.PrivateKey, *x509.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: serial, Subject: pkix.Name{CommonName: cn},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: ips, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		IsCA:        ca, BasicConstraintsValid: true}
	if parent == nil {
		parent, parentKey = tmpl, key
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, &key.PublicKey, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return key, cert, der
}

func pemOf(kind string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der})
}

func keyPEM(t testing.TB, k *ecdsa.PrivateKey) []byte {
	t.Helper()
	der, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return pemOf("EC PRIVATE KEY", der)
}

func write(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
