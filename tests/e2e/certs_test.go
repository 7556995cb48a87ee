package e2e

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
	"path/filepath"
	"testing"
	"time"
)

type x509Pool struct{ pool *x509.CertPool }

// pki is a throwaway CA with a server and a client certificate, as PEM
// files in a temp dir and as Go values.
type pki struct {
	dir                      string
	CAFile                   string
	ServerCert, ServerKey    string
	ClientCert, ClientKey    string
	CAPEM, ClientPEM, KeyPEM []byte
	CA                       *x509Pool
	Client                   tls.Certificate
}

func newPKI(t *testing.T) *pki {
	t.Helper()
	p := &pki{dir: t.TempDir()}
	caKey, caCert, caDER := issue(t, "aerie-test-ca", nil, nil, true, nil)
	p.CAPEM = pemOf("CERTIFICATE", caDER)
	p.CAFile = writeFile(t, filepath.Join(p.dir, "ca.pem"), string(p.CAPEM))
	p.CA = &x509Pool{x509.NewCertPool()}
	p.CA.pool.AddCert(caCert)
	sKey, _, sDER := issue(t, "aerie", caCert, caKey, false, []net.IP{net.ParseIP("127.0.0.1")})
	p.ServerCert = writeFile(t, filepath.Join(p.dir, "server.pem"), string(pemOf("CERTIFICATE", sDER)))
	p.ServerKey = writeFile(t, filepath.Join(p.dir, "server-key.pem"), string(keyPEM(t, sKey)))
	cKey, _, cDER := issue(t, "kube-apiserver", caCert, caKey, false, nil)
	p.ClientPEM, p.KeyPEM = pemOf("CERTIFICATE", cDER), keyPEM(t, cKey)
	p.ClientCert = writeFile(t, filepath.Join(p.dir, "client.pem"), string(p.ClientPEM))
	p.ClientKey = writeFile(t, filepath.Join(p.dir, "client-key.pem"), string(p.KeyPEM))
	var err error
	if p.Client, err = tls.X509KeyPair(p.ClientPEM, p.KeyPEM); err != nil {
		t.Fatal(err)
	}
	return p
}

func issue(t *testing.T, cn string, parent *x509.Certificate, parentKey *ecdsa.PrivateKey, ca bool, ips []net.IP) (*ecdsa.PrivateKey, *x509.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
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
	cert, _ := x509.ParseCertificate(der)
	return key, cert, der
}

func pemOf(kind string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der})
}

func keyPEM(t *testing.T, k *ecdsa.PrivateKey) []byte {
	der, err := x509.MarshalECPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return pemOf("EC PRIVATE KEY", der)
}
