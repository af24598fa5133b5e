<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ko_KR">
<context>
    <name>AnswerPanel</name>
    <message>
        <location filename="../ui/answer_panel.py" line="36" />
        <source>Text</source>
        <translation>텍스트</translation>
    </message>
    <message>
        <location filename="../ui/answer_panel.py" line="37" />
        <source>Idea cards</source>
        <translation>아이디어 카드</translation>
    </message>
    <message>
        <source>Answer copied.</source>
        <translation>답을 복사했습니다.</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="147" />
        <source>Answer copied as plain text.</source>
        <translation>답을 일반 텍스트로 복사했습니다.</translation>
    </message>
    <message>
        <source>Idea copied.</source>
        <translation>아이디어를 복사했습니다.</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="59" />
        <source>Copy as Markdown</source>
        <translation>Markdown으로 복사</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="61" />
        <source>Copy as plain text</source>
        <translation>일반 텍스트로 복사</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>Tiny model that ships with the app: works offline at once, English only, weak.</source>
        <translation>앱에 포함된 아주 작은 모델입니다. 바로 오프라인으로 쓸 수 있지만 영어만 가능하고 품질이 낮습니다.</translation>
    </message>
    <message>
        <source>Very small and fast; for old or low-memory computers. Simple ideas only.</source>
        <translation>아주 작고 빠른 모델입니다. 오래되었거나 메모리가 적은 컴퓨터용이며 간단한 아이디어만 냅니다.</translation>
    </message>
    <message>
        <source>Small and quick, usable Korean and English; a good first download for 4 GB laptops.</source>
        <translation>작고 빠르며 한국어와 영어를 무난하게 씁니다. 메모리 4GB 노트북의 첫 모델로 좋습니다.</translation>
    </message>
    <message>
        <source>LG AI Research's small model, trained for Korean: natural Korean on modest computers.</source>
        <translation>LG AI연구원이 한국어에 맞춰 만든 작은 모델입니다. 보통 사양의 컴퓨터에서도 자연스러운 한국어를 씁니다.</translation>
    </message>
    <message>
        <source>LG AI Research's newest small model: quick, knows Korean well for its size (2025).</source>
        <translation>LG AI연구원의 최신 소형 모델입니다. 빠르고, 크기에 비해 한국어를 잘 압니다(2025년).</translation>
    </message>
    <message>
        <source>Google's small model (a community GGUF build): lively English, fair Korean.</source>
        <translation>구글의 작은 모델(커뮤니티 GGUF 빌드)입니다. 영어는 생동감 있고 한국어는 무난합니다.</translation>
    </message>
    <message>
        <source>Balanced size and quality with a long context; good structure in both languages.</source>
        <translation>크기와 품질의 균형이 좋고 긴 글도 다룹니다. 두 언어 모두 구성이 깔끔합니다.</translation>
    </message>
    <message>
        <source>Google's newer multilingual model (llama.cpp's own build): good Korean and English on 8 GB.</source>
        <translation>구글의 최신 다국어 모델(llama.cpp 공식 빌드)입니다. 8GB 컴퓨터에서 한국어와 영어를 잘 씁니다.</translation>
    </message>
    <message>
        <source>Qwen's 2025 small model (a community GGUF build), answers at once without a thinking step.</source>
        <translation>Qwen의 2025년 소형 모델(커뮤니티 GGUF 빌드)입니다. 생각 단계 없이 바로 답합니다.</translation>
    </message>
    <message>
        <source>Strong all-rounder (a community GGUF build in one file); needs a 16 GB computer to be comfortable.</source>
        <translation>전반적으로 뛰어난 모델(파일 하나짜리 커뮤니티 빌드)입니다. 16GB 컴퓨터에서 여유 있게 돌아갑니다.</translation>
    </message>
    <message>
        <source>The best Korean writer here (LG AI Research); needs a 16 GB computer to be comfortable.</source>
        <translation>이 목록에서 한국어를 가장 잘 쓰는 모델(LG AI연구원)입니다. 16GB 컴퓨터에서 여유 있게 돌아갑니다.</translation>
    </message>
</context>
<context>
    <name>DownloadRow</name>
    <message>
        <location filename="../ui/download_row.py" line="103" />
        <source>★ Recommended for you</source>
        <translation>★ 추천 모델</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="112" />
        <source>Korean</source>
        <translation>한국어</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="113" />
        <source>English</source>
        <translation>영어</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="114" />
        <source>Japanese</source>
        <translation>일본어</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="115" />
        <source>Chinese</source>
        <translation>중국어</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>스페인어</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="118" />
        <source>{size} · {params}B parameters · {quant} · writes {languages} · {licence}</source>
        <translation>{size} · 매개변수 {params}B · {quant} · 작성 언어: {languages} · {licence}</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="137" />
        <location filename="../ui/download_row.py" line="190" />
        <source>Download</source>
        <translation>다운로드</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="138" />
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="169" />
        <source>fits well</source>
        <translation>여유 있음</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="170" />
        <source>tight</source>
        <translation>빠듯함</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="171" />
        <source>too big</source>
        <translation>너무 큼</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="179" />
        <source>Estimated from the file size and the memory a context of this size needs.</source>
        <translation>파일 크기와 이 문맥 크기에 필요한 메모리로 추정한 값입니다.</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="190" />
        <source>Resume</source>
        <translation>이어받기</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="197" />
        <source>Installed</source>
        <translation>설치됨</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="203" />
        <source>Paused at {done} of about {total}. Resume goes on from there.</source>
        <translation>약 {total} 중 {done}에서 멈췄습니다. 이어받기를 누르면 그 지점부터 계속합니다.</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="238" />
        <location filename="../ui/download_row.py" line="267" />
        <source>Connecting…</source>
        <translation>연결 중…</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="247" />
        <source>Stopping…</source>
        <translation>멈추는 중…</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="268" />
        <source>Connection lost; trying again…</source>
        <translation>연결이 끊겼습니다. 다시 시도하는 중…</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="269" />
        <source>Checking the file…</source>
        <translation>파일 확인 중…</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="279" />
        <source>{done} so far</source>
        <translation>지금까지 {done}</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="280" />
        <source>{done} of {total}</source>
        <translation>{total} 중 {done}</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="284" />
        <source>{speed}/s</source>
        <translation>초당 {speed}</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="291" />
        <source>{n} s left</source>
        <translation>{n}초 남음</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="293" />
        <source>about {n} min left</source>
        <translation>약 {n}분 남음</translation>
    </message>
    <message>
        <location filename="../ui/download_row.py" line="294" />
        <source>about {h} h {m} min left</source>
        <translation>약 {h}시간 {m}분 남음</translation>
    </message>
</context>
<context>
    <name>FirstRunGuide</name>
    <message>
        <location filename="../ui/first_run.py" line="111" />
        <source>Welcome to BlogIdeas</source>
        <translation>BlogIdeas에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="116" />
        <source>Where should BlogIdeas write your ideas?</source>
        <translation>BlogIdeas가 아이디어를 어디에서 쓰게 할까요?</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="126" />
        <source>Free, on this computer</source>
        <translation>무료, 이 컴퓨터에서</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="126" />
        <source>Works right away, offline, private</source>
        <translation>바로 쓸 수 있고, 인터넷 없이, 내용이 밖으로 나가지 않습니다</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="127" />
        <source>OpenAI (paid)</source>
        <translation>OpenAI (유료)</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="127" />
        <source>Best writing; needs a key and costs money</source>
        <translation>글 품질이 가장 좋습니다. 키가 필요하고 비용이 듭니다</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="128" />
        <source>Another server</source>
        <translation>다른 서버</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="128" />
        <source>Ollama, LM Studio, vLLM, llama-server</source>
        <translation>Ollama, LM Studio, vLLM, llama-server</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="148" />
        <source>Start using BlogIdeas</source>
        <translation>BlogIdeas 시작하기</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="151" />
        <source>Not now</source>
        <translation>나중에</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="207" />
        <source>Each request costs a little money. BlogIdeas counts the cost and stops OpenAI requests when this month's total reaches your limit ({limit}); you can change it in Settings.</source>
        <translation>요청마다 약간의 비용이 듭니다. BlogIdeas는 비용을 세어 두었다가 이번 달 합계가 한도({limit})에 이르면 OpenAI 요청을 멈춥니다. 한도는 설정에서 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="293" />
        <source>Type the server's address first, or pick one of the examples.</source>
        <translation>먼저 서버 주소를 입력하거나 예시 중 하나를 고르세요.</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="307" />
        <source>Asking the server…</source>
        <translation>서버에 묻는 중…</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="316" />
        <source>The server answers, and the model “{model}” works.</source>
        <translation>서버가 응답하고, 모델 “{model}”이(가) 작동합니다.</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="320" />
        <source>The server answers. Its models: {models}.</source>
        <translation>서버가 응답합니다. 서버의 모델: {models}.</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="324" />
        <source>“{model}” is not among them; pick one from the list.</source>
        <translation>“{model}”은(는) 목록에 없습니다. 목록에서 하나를 고르세요.</translation>
    </message>
    <message>
        <location filename="../ui/first_run.py" line="357" />
        <source>Type the server's address and a model name, then press Test.</source>
        <translation>서버 주소와 모델 이름을 입력한 뒤 확인을 누르세요.</translation>
    </message>
</context>
<context>
    <name>KeyCheck</name>
    <message>
        <location filename="../ui/guide/key_check.py" line="71" />
        <source>The key has spaces inside. Copy it again, whole.</source>
        <translation>키 안에 공백이 있습니다. 키 전체를 다시 복사하세요.</translation>
    </message>
    <message>
        <location filename="../ui/guide/key_check.py" line="88" />
        <source>Testing the key…</source>
        <translation>키를 확인하는 중…</translation>
    </message>
    <message>
        <location filename="../ui/guide/key_check.py" line="112" />
        <source>The key works.</source>
        <translation>키가 잘 작동합니다.</translation>
    </message>
    <message>
        <location filename="../ui/guide/key_check.py" line="140" />
        <source>It is kept in your system's keychain.</source>
        <translation>키는 시스템 키체인에 보관됩니다.</translation>
    </message>
</context>
<context>
    <name>HistoryActions</name>
    <message>
        <location filename="../ui/history_actions.py" line="49" />
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="50" />
        <source>Export session as Markdown…</source>
        <translation>세션을 Markdown으로 내보내기…</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="52" />
        <source>Export favourites…</source>
        <translation>즐겨찾기 내보내기…</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="55" />
        <source>Quit</source>
        <translation>끝내기</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="63" />
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="64" />
        <source>Favourites</source>
        <translation>즐겨찾기</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="77" />
        <source>Wait until the answer is finished, or stop it.</source>
        <translation>답이 끝날 때까지 기다리거나 멈추세요.</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="121" />
        <source>Delete session</source>
        <translation>세션 삭제</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="121" />
        <source>Delete this session and its ideas?</source>
        <translation>이 세션과 아이디어를 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="135" />
        <source>Delete all</source>
        <translation>모두 삭제</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="135" />
        <source>Delete every session, favourites included?</source>
        <translation>즐겨찾기를 포함해 모든 세션을 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="158" />
        <source>Saved to %s.</source>
        <translation>%s에 저장했습니다.</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="164" />
        <source>Open or generate a session first.</source>
        <translation>먼저 세션을 열거나 아이디어를 만드세요.</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="168" />
        <source>Export session</source>
        <translation>세션 내보내기</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="173" />
        <source>Export favourites</source>
        <translation>즐겨찾기 내보내기</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>HistorySidebar</name>
    <message>
        <location filename="../ui/history_sidebar.py" line="46" />
        <source>Search topics and ideas</source>
        <translation>주제와 아이디어 검색</translation>
    </message>
    <message>
        <location filename="../ui/history_sidebar.py" line="51" />
        <source>★ Favourites</source>
        <translation>★ 즐겨찾기</translation>
    </message>
    <message>
        <location filename="../ui/history_sidebar.py" line="52" />
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../ui/history_sidebar.py" line="53" />
        <source>Delete all</source>
        <translation>모두 삭제</translation>
    </message>
    <message>
        <location filename="../ui/history_sidebar.py" line="77" />
        <source>writing</source>
        <translation>작성 중</translation>
    </message>
    <message>
        <location filename="../ui/history_sidebar.py" line="79" />
        <source>stopped</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <location filename="../ui/history_sidebar.py" line="80" />
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../ui/history_sidebar.py" line="81" />
        <source>interrupted</source>
        <translation>중단됨</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/history_sidebar.py" line="93" />
        <source>%n idea(s)</source>
        <translation><numerusform>아이디어 %n개</numerusform></translation>
    </message>
</context>
<context>
    <name>IdeaCard</name>
    <message>
        <location filename="../ui/idea_cards.py" line="65" />
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <location filename="../ui/idea_cards.py" line="67" />
        <source>Expand</source>
        <translation>펼치기</translation>
    </message>
    <message>
        <location filename="../ui/idea_cards.py" line="69" />
        <source>Post outline</source>
        <translation>글 개요</translation>
    </message>
    <message>
        <location filename="../ui/idea_cards.py" line="70" />
        <source>First draft</source>
        <translation>초안</translation>
    </message>
    <message>
        <location filename="../ui/idea_cards.py" line="93" />
        <source>Remove from favourites</source>
        <translation>즐겨찾기에서 빼기</translation>
    </message>
    <message>
        <location filename="../ui/idea_cards.py" line="93" />
        <source>Add to favourites</source>
        <translation>즐겨찾기에 추가</translation>
    </message>
</context>
<context>
    <name>InstalledPanel</name>
    <message>
        <source>{n} tokens of context</source>
        <translation>문맥 {n}토큰</translation>
    </message>
    <message>
        <source>context length not stated</source>
        <translation>문맥 길이 표시 없음</translation>
    </message>
    <message>
        <source>has a chat template</source>
        <translation>채팅 템플릿 있음</translation>
    </message>
    <message>
        <source>no chat template</source>
        <translation>채팅 템플릿 없음</translation>
    </message>
    <message>
        <source>A base model, not made to follow instructions: it continues text instead of answering, so its ideas may repeat the request or miss the topic.</source>
        <translation>지시를 따르도록 만들어지지 않은 베이스 모델입니다. 요청에 답하지 않고 글을 이어 쓰기만 해서, 아이디어가 요청을 되풀이하거나 주제에서 벗어날 수 있습니다.</translation>
    </message>
    <message>
        <source>not made to follow instructions</source>
        <translation>지시를 따르도록 만들어지지 않음</translation>
    </message>
    <message>
        <source>Read from the file: {arch}, {params} parameters, {quant}, {context}, {template}</source>
        <translation>파일에서 읽은 정보: {arch}, 매개변수 {params}, {quant}, {context}, {template}</translation>
    </message>
    <message>
        <source>Not read yet: it is checked the first time it is used.</source>
        <translation>아직 읽지 않았습니다. 처음 사용할 때 확인합니다.</translation>
    </message>
    <message>
        <source>Not verified: the server gave no checksum, only the size was checked.</source>
        <translation>검증되지 않음: 서버가 체크섬을 주지 않아 크기만 확인했습니다.</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>검증되지 않음</translation>
    </message>
    <message>
        <location filename="../ui/installed_panel.py" line="51" />
        <source>Models on this computer</source>
        <translation>이 컴퓨터의 모델</translation>
    </message>
    <message>
        <location filename="../ui/installed_panel.py" line="54" />
        <source>Use this model</source>
        <translation>이 모델 사용</translation>
    </message>
    <message>
        <location filename="../ui/installed_panel.py" line="55" />
        <source>Remove…</source>
        <translation>삭제…</translation>
    </message>
    <message>
        <location filename="../ui/installed_panel.py" line="56" />
        <source>Import a .gguf file…</source>
        <translation>.gguf 파일 가져오기…</translation>
    </message>
    <message>
        <location filename="../ui/installed_panel.py" line="57" />
        <source>Link to the file instead of copying it</source>
        <translation>복사하지 않고 파일에 연결</translation>
    </message>
    <message>
        <location filename="../ui/installed_panel.py" line="59" />
        <source>Saves disk space; the model stops working if you move or delete the file.</source>
        <translation>디스크 공간을 아낍니다. 파일을 옮기거나 지우면 모델이 작동하지 않습니다.</translation>
    </message>
    <message>
        <location filename="../ui/installed_panel.py" line="95" />
        <source>ships with the app</source>
        <translation>앱에 포함됨</translation>
    </message>
    <message>
        <location filename="../ui/installed_panel.py" line="96" />
        <source>downloaded</source>
        <translation>다운로드함</translation>
    </message>
    <message>
        <location filename="../ui/installed_panel.py" line="97" />
        <source>imported</source>
        <translation>가져옴</translation>
    </message>
    <message>
        <location filename="../ui/installed_panel.py" line="98" />
        <source>linked to your file</source>
        <translation>내 파일에 연결됨</translation>
    </message>
    <message>
        <location filename="../ui/installed_panel.py" line="101" />
        <source>fits well</source>
        <translation>여유 있음</translation>
    </message>
    <message>
        <location filename="../ui/installed_panel.py" line="102" />
        <source>tight</source>
        <translation>빠듯함</translation>
    </message>
    <message>
        <location filename="../ui/installed_panel.py" line="103" />
        <source>too big</source>
        <translation>너무 큼</translation>
    </message>
</context>
<context>
    <name>LocalPage</name>
    <message>
        <location filename="../ui/guide_pages.py" line="108" />
        <source>A small starter model is already installed: it works right away, without the internet, and nothing you type leaves this computer. It is small and writes best in English.</source>
        <translation>작은 기본 모델이 이미 설치되어 있습니다. 인터넷 없이 바로 작동하고, 입력한 내용은 이 컴퓨터 밖으로 나가지 않습니다. 작은 모델이라 영어로 가장 잘 씁니다.</translation>
    </message>
    <message>
        <location filename="../ui/guide_pages.py" line="117" />
        <source>Open the model manager</source>
        <translation>모델 관리자 열기</translation>
    </message>
</context>
<context>
    <name>LocalSettingsBox</name>
    <message>
        <source>How many ideas the model writes side by side. Automatic uses what measured fastest on this computer; 1 writes them one after another.</source>
        <translation>모델이 동시에 나란히 쓰는 아이디어 수입니다. 자동은 이 컴퓨터에서 가장 빨랐던 값을 쓰고, 1은 하나씩 차례로 씁니다.</translation>
    </message>
    <message>
        <source>Ideas at once</source>
        <translation>동시에 쓸 아이디어</translation>
    </message>
    <message>
        <location filename="../ui/local_settings_box.py" line="39" />
        <source>Local engine (applies when a model is next loaded)</source>
        <translation>로컬 엔진 (다음에 모델을 불러올 때 적용)</translation>
    </message>
    <message>
        <location filename="../ui/local_settings_box.py" line="50" />
        <source>How much text the model keeps in mind. Larger needs more memory.</source>
        <translation>모델이 한 번에 기억하는 글의 양입니다. 클수록 메모리가 더 필요합니다.</translation>
    </message>
    <message>
        <location filename="../ui/local_settings_box.py" line="54" />
        <location filename="../ui/local_settings_box.py" line="58" />
        <source>Automatic</source>
        <translation>자동</translation>
    </message>
    <message>
        <location filename="../ui/local_settings_box.py" line="65" />
        <source>Context size (tokens)</source>
        <translation>문맥 크기(토큰)</translation>
    </message>
    <message>
        <location filename="../ui/local_settings_box.py" line="66" />
        <source>Threads</source>
        <translation>스레드</translation>
    </message>
    <message>
        <location filename="../ui/local_settings_box.py" line="67" />
        <source>GPU layers</source>
        <translation>GPU 레이어</translation>
    </message>
    <message>
        <location filename="../ui/local_settings_box.py" line="96" />
        <source>This computer: {total} memory ({available} free now), {disk} free disk space.</source>
        <translation>이 컴퓨터: 메모리 {total}(지금 {available} 여유), 디스크 여유 공간 {disk}.</translation>
    </message>
    <message>
        <location filename="../ui/local_settings_box.py" line="105" />
        <source>GPU offload: available — model layers run on the graphics card.</source>
        <translation>GPU 가속: 사용 가능 — 모델 레이어가 그래픽 카드에서 실행됩니다.</translation>
    </message>
    <message>
        <location filename="../ui/local_settings_box.py" line="107" />
        <source>GPU offload: not available — this build of llama.cpp has no GPU support, so models run on the processor.</source>
        <translation>GPU 가속: 사용 불가 — 이 llama.cpp 빌드는 GPU를 지원하지 않아 모델이 프로세서에서 실행됩니다.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="92" />
        <source>BlogIdeas — blog post ideas</source>
        <translation>BlogIdeas — 블로그 글 아이디어</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="122" />
        <source>&amp;Models</source>
        <translation>모델(&amp;M)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="123" />
        <source>Model manager…</source>
        <translation>모델 관리자…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="125" />
        <source>&amp;Settings</source>
        <translation>설정(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="126" />
        <source>Settings…</source>
        <translation>설정…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="127" />
        <source>First-run guide…</source>
        <translation>처음 사용 안내…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="128" />
        <source>Presets and role prompt…</source>
        <translation>프리셋과 역할 프롬프트…</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="58" />
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message>
        <source>None of these fits this computer well and writes fast enough here; the starter model is the safe choice.</source>
        <translation>이 컴퓨터에 잘 맞으면서 충분히 빨리 쓰는 모델이 없습니다. 기본 모델이 안전한 선택입니다.</translation>
    </message>
    <message>
        <location filename="../ui/model_manager.py" line="116" />
        <source>Model manager</source>
        <translation>모델 관리자</translation>
    </message>
    <message>
        <location filename="../ui/model_manager.py" line="141" />
        <source>Download a model</source>
        <translation>모델 다운로드</translation>
    </message>
    <message>
        <location filename="../ui/model_manager.py" line="207" />
        <source>Recommended for this computer: &lt;b&gt;{name}&lt;/b&gt; ({size}).</source>
        <translation>이 컴퓨터에 추천: &lt;b&gt;{name}&lt;/b&gt; ({size}).</translation>
    </message>
    <message>
        <location filename="../ui/model_manager.py" line="252" />
        <source>{name} will be used for the next ideas.</source>
        <translation>다음 아이디어부터 {name}을(를) 사용합니다.</translation>
    </message>
    <message>
        <location filename="../ui/model_manager.py" line="261" />
        <source>Delete {name} ({size}) from this computer?</source>
        <translation>{name}({size})을(를) 이 컴퓨터에서 삭제할까요?</translation>
    </message>
    <message>
        <location filename="../ui/model_manager.py" line="264" />
        <source>Remove model</source>
        <translation>모델 삭제</translation>
    </message>
    <message>
        <location filename="../ui/model_manager.py" line="274" />
        <source>Removed {name}; {size} of disk space given back.</source>
        <translation>{name}을(를) 삭제했습니다. 디스크 공간 {size}을(를) 되찾았습니다.</translation>
    </message>
    <message>
        <location filename="../ui/model_manager.py" line="296" />
        <source>Importing {name}…</source>
        <translation>{name} 가져오는 중…</translation>
    </message>
    <message>
        <location filename="../ui/model_manager.py" line="306" />
        <source>{name} is installed and ready.</source>
        <translation>{name}이(가) 설치되어 바로 쓸 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>OpenAIPage</name>
    <message>
        <location filename="../ui/guide_pages.py" line="136" />
        <source>Paste your OpenAI API key. You create it at platform.openai.com under “API keys”; it is shown there only once. BlogIdeas keeps it in your system's keychain, never in a settings file.</source>
        <translation>OpenAI API 키를 붙여 넣으세요. 키는 platform.openai.com의 “API keys”에서 만들며, 그곳에서 한 번만 보여 줍니다. BlogIdeas는 키를 설정 파일이 아닌 시스템 키체인에 보관합니다.</translation>
    </message>
    <message>
        <location filename="../ui/guide_pages.py" line="144" />
        <source>sk-…</source>
        <translation>sk-…</translation>
    </message>
    <message>
        <location filename="../ui/guide_pages.py" line="147" />
        <source>Test the key</source>
        <translation>키 확인</translation>
    </message>
    <message>
        <location filename="../ui/guide_pages.py" line="162" />
        <source>A key is stored ({key}). Paste a new one only to replace it.</source>
        <translation>키가 저장되어 있습니다({key}). 바꿀 때만 새 키를 붙여 넣으세요.</translation>
    </message>
</context>
<context>
    <name>PresetsDialog</name>
    <message>
        <location filename="../ui/presets_dialog.py" line="73" />
        <location filename="../ui/presets_dialog.py" line="79" />
        <source>Presets</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="80" />
        <source>Role prompt</source>
        <translation>역할 프롬프트</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="95" />
        <source>e.g. Weekend cafe posts</source>
        <translation>예: 주말 카페 글</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="97" />
        <source>Any platform</source>
        <translation>플랫폼 상관없음</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="101" />
        <source>e.g. warm and chatty</source>
        <translation>예: 따뜻하고 수다스럽게</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="103" />
        <source>e.g. office workers new to home cafes</source>
        <translation>예: 홈카페를 처음 시작하는 직장인</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="105" />
        <source>Any length</source>
        <translation>길이 상관없음</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="108" />
        <source>New</source>
        <translation>새로 만들기</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="109" />
        <location filename="../ui/presets_dialog.py" line="149" />
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="110" />
        <source>Delete</source>
        <translation>삭제</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="115" />
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="116" />
        <source>Platform</source>
        <translation>플랫폼</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="117" />
        <source>Tone</source>
        <translation>분위기</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="118" />
        <source>Readers</source>
        <translation>독자</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="119" />
        <source>Length</source>
        <translation>길이</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="150" />
        <source>Restore the default</source>
        <translation>기본값으로 되돌리기</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="153" />
        <source>The role prompt tells the model who it is and how to answer. Keep the answer format it asks for, or the ideas cannot be shown as cards.</source>
        <translation>역할 프롬프트는 모델에게 어떤 역할로 어떻게 답할지 알려 줍니다. 요청하는 답변 형식은 그대로 두세요. 바꾸면 아이디어를 카드로 보여 줄 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="162" />
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="232" />
        <source>Give the preset a name first.</source>
        <translation>먼저 프리셋 이름을 입력하세요.</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="241" />
        <source>Saved.</source>
        <translation>저장했습니다.</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="256" />
        <source>Deleted.</source>
        <translation>삭제했습니다.</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="276" />
        <source>Your own role prompt is in use.</source>
        <translation>직접 작성한 역할 프롬프트를 사용하고 있습니다.</translation>
    </message>
    <message>
        <location filename="../ui/presets_dialog.py" line="278" />
        <source>The default role prompt is in use.</source>
        <translation>기본 역할 프롬프트를 사용하고 있습니다.</translation>
    </message>
</context>
<context>
    <name>RequestForm</name>
    <message>
        <location filename="../ui/request_form.py" line="62" />
        <source>What is your blog about? e.g. home coffee brewing</source>
        <translation>어떤 블로그인가요? 예: 홈카페 커피 내리기</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="73" />
        <source>This computer (free)</source>
        <translation>이 컴퓨터 (무료)</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="74" />
        <source>OpenAI or another server</source>
        <translation>OpenAI 또는 다른 서버</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="81" />
        <source>Ideas</source>
        <translation>아이디어 수</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="82" />
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="83" />
        <source>Engine</source>
        <translation>엔진</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="84" />
        <source>Preset</source>
        <translation>프리셋</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="92" />
        <source>Server address</source>
        <translation>서버 주소</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="93" />
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="95" />
        <source>Generate ideas</source>
        <translation>아이디어 만들기</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="97" />
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Enter</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="98" />
        <source>Stop</source>
        <translation>멈추기</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="99" />
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="100" />
        <source>Copy answer</source>
        <translation>답 복사</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="117" />
        <source>Topic</source>
        <translation>주제</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="142" />
        <source>No preset</source>
        <translation>프리셋 없음</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="211" />
        <source>Model on this computer: %s</source>
        <translation>이 컴퓨터의 모델: %s</translation>
    </message>
    <message>
        <location filename="../ui/request_form.py" line="220" />
        <source>Model on this computer: the built-in starter model</source>
        <translation>이 컴퓨터의 모델: 기본 제공 모델</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../ui/guide_pages.py" line="176" />
        <source>Use a program that runs models on this computer or on your network. Type its address, or click the program you use:</source>
        <translation>이 컴퓨터나 내 네트워크에서 모델을 실행하는 프로그램을 사용합니다. 주소를 입력하거나 사용하는 프로그램을 누르세요:</translation>
    </message>
    <message>
        <location filename="../ui/guide_pages.py" line="192" />
        <source>Test fills this in</source>
        <translation>확인하면 채워집니다</translation>
    </message>
    <message>
        <location filename="../ui/guide_pages.py" line="194" />
        <source>Address:</source>
        <translation>주소:</translation>
    </message>
    <message>
        <location filename="../ui/guide_pages.py" line="195" />
        <source>Model:</source>
        <translation>모델:</translation>
    </message>
    <message>
        <location filename="../ui/guide_pages.py" line="196" />
        <source>Test the server</source>
        <translation>서버 확인</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../ui/settings_dialog.py" line="73" />
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="76" />
        <source>System language</source>
        <translation>시스템 언어</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="80" />
        <source>Same as the interface</source>
        <translation>화면 언어와 같게</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="84" />
        <source>Interface language:</source>
        <translation>화면 언어:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="85" />
        <source>Ideas are written in:</source>
        <translation>아이디어 작성 언어:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="87" />
        <source>OpenAI</source>
        <translation>OpenAI</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="95" />
        <source>Paste a new key (sk-…)</source>
        <translation>새 키 붙여 넣기 (sk-…)</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="96" />
        <source>Save key</source>
        <translation>키 저장</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="97" />
        <source>Remove key</source>
        <translation>키 삭제</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="103" />
        <source>Empty means OpenAI itself</source>
        <translation>비워 두면 OpenAI를 사용합니다</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="117" />
        <source>API key:</source>
        <translation>API 키:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="119" />
        <source>Server address:</source>
        <translation>서버 주소:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="120" />
        <source>Model:</source>
        <translation>모델:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="121" />
        <source>Monthly limit:</source>
        <translation>월 한도:</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="123" />
        <source>Run the first-run guide again</source>
        <translation>처음 사용 안내 다시 보기</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="156" />
        <source>Spent this month: {amount}</source>
        <translation>이번 달 사용액: {amount}</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="163" />
        <source>No OpenAI key is stored.</source>
        <translation>저장된 OpenAI 키가 없습니다.</translation>
    </message>
    <message>
        <source>No key is stored for this server; it gets none.</source>
        <translation>이 서버용으로 저장된 키가 없어 키 없이 보냅니다.</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="165" />
        <source>A key is stored in the system keychain: {key}</source>
        <translation>시스템 키체인에 키가 저장되어 있습니다: {key}</translation>
    </message>
    <message>
        <location filename="../ui/settings_dialog.py" line="167" />
        <source>A key is stored in a file only you can read: {key}</source>
        <translation>나만 읽을 수 있는 파일에 키가 저장되어 있습니다: {key}</translation>
    </message>
</context>
<context>
    <name>StatusLine</name>
    <message>
        <source>Free on this computer</source>
        <translation>이 컴퓨터에서 무료</translation>
    </message>
    <message>
        <source>This month: %s of %s</source>
        <translation>이번 달: %s / %s</translation>
    </message>
    <message>
        <location filename="../ui/status_line.py" line="47" />
        <source>Ready.</source>
        <translation>준비되었습니다.</translation>
    </message>
    <message>
        <location filename="../ui/status_line.py" line="82" />
        <source>free</source>
        <translation>무료</translation>
    </message>
    <message>
        <location filename="../ui/status_line.py" line="82" />
        <source>cost unknown</source>
        <translation>비용 알 수 없음</translation>
    </message>
    <message>
        <location filename="../ui/status_line.py" line="84" />
        <source>Stopped after %.1f s</source>
        <translation>%.1f초 만에 멈춤</translation>
    </message>
    <message>
        <location filename="../ui/status_line.py" line="86" />
        <source>Done in %.1f s</source>
        <translation>%.1f초 만에 완료</translation>
    </message>
    <message>
        <location filename="../ui/status_line.py" line="89" />
        <source>first word %.1f s</source>
        <translation>첫 단어 %.1f초</translation>
    </message>
    <message>
        <location filename="../ui/status_line.py" line="91" />
        <source>%.0f tokens/s</source>
        <translation>초당 %.0f토큰</translation>
    </message>
    <message>
        <location filename="../ui/status_line.py" line="92" />
        <source>%d ideas</source>
        <translation>아이디어 %d개</translation>
    </message>
    <message>
        <source>%d of %d ideas complete</source>
        <translation>아이디어 %d/%d개 완성</translation>
    </message>
    <message>
        <source>free-form answer: the server does not take the idea format</source>
        <translation>자유 형식 답변: 서버가 아이디어 형식을 받지 않습니다</translation>
    </message>
    <message>
        <location filename="../ui/status_line.py" line="105" />
        <source>Loading the model… %.1f s</source>
        <translation>모델을 불러오는 중… %.1f초</translation>
    </message>
    <message>
        <location filename="../ui/status_line.py" line="107" />
        <source>Waiting for the first word… %.1f s</source>
        <translation>첫 단어를 기다리는 중… %.1f초</translation>
    </message>
    <message>
        <location filename="../ui/status_line.py" line="111" />
        <source>Writing… %.1f s · %.0f tokens/s</source>
        <translation>쓰는 중… %.1f초 · 초당 %.0f토큰</translation>
    </message>
    <message>
        <location filename="../ui/history_actions.py" line="97" />
        <source>Opened a session from %s.</source>
        <translation>%s의 세션을 열었습니다.</translation>
    </message>
</context>
<context>
    <name>_TestRow</name>
    <message>
        <location filename="../ui/guide_pages.py" line="52" />
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>_TestedPage</name>
    <message>
        <location filename="../ui/guide_pages.py" line="92" />
        <source>The test was stopped.</source>
        <translation>확인을 멈췄습니다.</translation>
    </message>
</context>
<context>
    <name>GenerationRun</name>
    <message>
        <location filename="../ui/main_window.py" line="378" />
        <source>Stopping…</source>
        <translation>멈추는 중…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="410" />
        <source>Stopped by an error.</source>
        <translation>오류로 멈췄습니다.</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../ui/application.py" line="39" />
        <source>The new language applies after this answer.</source>
        <translation>새 언어는 이 답이 끝난 뒤 적용됩니다.</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../ui/installed_panel.py" line="35" />
        <source>Import a model file</source>
        <translation>모델 파일 가져오기</translation>
    </message>
    <message>
        <location filename="../ui/installed_panel.py" line="35" />
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 모델 (*.gguf)</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The topic is longer than {limit} characters; shorten it.</source>
        <translation>주제가 {limit}자보다 깁니다. 줄여 주세요.</translation>
    </message>
    <message>
        <source>The number of ideas must be {low}–{high}, not {count}.</source>
        <translation>아이디어 수는 {low}–{high} 사이여야 합니다({count}개는 안 됩니다).</translation>
    </message>
    <message>
        <source>The context size must be between {low} and {high}.</source>
        <translation>문맥 크기는 {low}에서 {high} 사이여야 합니다.</translation>
    </message>
    <message>
        <source>Ideas written at once must be between 1 and {high}.</source>
        <translation>한 번에 쓰는 아이디어 수는 1에서 {high} 사이여야 합니다.</translation>
    </message>
    <message>
        <source>Threads must be at least 1.</source>
        <translation>스레드는 1개 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>GPU layers must be between 0 and {high}.</source>
        <translation>GPU 레이어는 0에서 {high} 사이여야 합니다.</translation>
    </message>
    <message>
        <source>The API key is empty or has spaces inside.</source>
        <translation>API 키가 비어 있거나 중간에 공백이 있습니다.</translation>
    </message>
    <message>
        <source>Unknown command “models {command}”.</source>
        <translation>알 수 없는 명령입니다: “models {command}”.</translation>
    </message>
    <message>
        <source>{name} ships with the app already.</source>
        <translation>{name}은(는) 이미 앱에 들어 있습니다.</translation>
    </message>
    <message>
        <source>Cannot link to {source} here ({reason}). Import a copy instead.</source>
        <translation>여기에서는 {source}에 링크할 수 없습니다({reason}). 대신 복사본을 가져오세요.</translation>
    </message>
    <message>
        <source>The starter model ships with the app and cannot be removed.</source>
        <translation>기본 제공 모델은 앱에 들어 있어 삭제할 수 없습니다.</translation>
    </message>
    <message>
        <source>needs about {needed} GB, this computer has {memory} GB</source>
        <translation>약 {needed}GB가 필요한데 이 컴퓨터에는 {memory}GB가 있습니다</translation>
    </message>
    <message>
        <source>{problem} (see blogideas {command} --help)</source>
        <translation>{problem} (blogideas {command} --help 참고)</translation>
    </message>
    <message>
        <source>{option} must be {low}–{high}, not “{text}”.</source>
        <translation>{option}은(는) {low}–{high} 사이여야 합니다. “{text}”은(는) 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Unknown backend “{name}”: use local or openai.</source>
        <translation>알 수 없는 엔진 “{name}”입니다. local 또는 openai를 쓰세요.</translation>
    </message>
    <message>
        <source>A preset needs a name.</source>
        <translation>프리셋에는 이름이 있어야 합니다.</translation>
    </message>
    <message>
        <source>The topic is empty. Type what the blog is about, for example “home coffee brewing”.</source>
        <translation>주제가 비어 있습니다. 블로그 주제를 입력하세요. 예: “홈카페 커피 내리기”.</translation>
    </message>
    <message>
        <source>{detail} Use a whole number in the allowed range.</source>
        <translation>{detail} 허용된 범위의 정수를 입력하세요.</translation>
    </message>
    <message>
        <source>{detail}</source>
        <translation>{detail}</translation>
    </message>
    <message>
        <source>No OpenAI API key is set. Paste your key in Settings (it is kept in your system's keychain), or use the free local model, which needs no key.</source>
        <translation>OpenAI API 키가 없습니다. 설정에 키를 붙여 넣거나(시스템 키체인에 안전하게 보관됩니다) 키가 필요 없는 무료 로컬 모델을 사용하세요.</translation>
    </message>
    <message>
        <source>The server rejected the API key ({detail}). Check that it was copied whole and is still active on platform.openai.com, then paste it again in Settings.</source>
        <translation>서버가 API 키를 거부했습니다({detail}). 키를 빠짐없이 복사했는지, platform.openai.com에서 아직 유효한지 확인한 뒤 설정에 다시 붙여 넣으세요.</translation>
    </message>
    <message>
        <source>OpenAI refused the request because your account has no credit ({detail}: insufficient quota). Free trial credit expires even when it still shows as available, so every request fails until billing is set up: add a payment method and credit at platform.openai.com/settings/organization/billing. Or switch to the free local model, which costs nothing.</source>
        <translation>계정에 사용할 수 있는 크레딧이 없어 OpenAI가 요청을 거절했습니다({detail}: insufficient quota). 무료 체험 크레딧은 남아 있는 것처럼 보여도 만료되며, 결제를 설정하기 전까지 모든 요청이 실패합니다. platform.openai.com/settings/organization/billing 에서 결제 수단을 등록하고 크레딧을 충전하세요. 또는 비용이 들지 않는 무료 로컬 모델로 바꾸세요.</translation>
    </message>
    <message>
        <source>The server is limiting how many requests your account may send ({detail}); the app waited and tried again, but the limit still applies. Wait a minute and try again; new accounts have low limits per minute.</source>
        <translation>서버가 계정의 요청 횟수를 제한하고 있습니다({detail}). 앱이 기다렸다가 다시 시도했지만 제한이 계속됩니다. 1분쯤 기다린 뒤 다시 시도하세요. 새 계정은 분당 요청 한도가 낮습니다.</translation>
    </message>
    <message>
        <source>The server had a problem on its side ({detail}), even after several tries. Nothing is wrong with your settings; try again in a few minutes, or use the free local model meanwhile.</source>
        <translation>서버 쪽에 문제가 생겼고({detail}) 여러 번 다시 시도해도 해결되지 않았습니다. 설정에는 문제가 없습니다. 몇 분 뒤 다시 시도하거나 그동안 무료 로컬 모델을 사용하세요.</translation>
    </message>
    <message>
        <source>The server refused the request ({detail}). Check the model name and the server address.</source>
        <translation>서버가 요청을 거절했습니다({detail}). 모델 이름과 서버 주소를 확인하세요.</translation>
    </message>
    <message>
        <source>Cannot reach the server at {detail}. Check your internet connection and the server address; the free local model works without a network.</source>
        <translation>{detail} 서버에 연결할 수 없습니다. 인터넷 연결과 서버 주소를 확인하세요. 무료 로컬 모델은 인터넷 없이도 작동합니다.</translation>
    </message>
    <message>
        <source>The server at {detail} did not answer in time. Try again in a moment, or use the free local model, which works without a network.</source>
        <translation>{detail} 서버가 제때 응답하지 않았습니다. 잠시 뒤 다시 시도하거나 인터넷 없이도 작동하는 무료 로컬 모델을 사용하세요.</translation>
    </message>
    <message>
        <source>The model settings held an impossible value ({detail}), so the default is used. Check the context size, threads and GPU layers in the model manager.</source>
        <translation>모델 설정에 불가능한 값({detail})이 있어 기본값을 사용합니다. 모델 관리자에서 컨텍스트 크기, 스레드, GPU 레이어를 확인하세요.</translation>
    </message>
    <message>
        <source>The request is too long for this model&apos;s context ({detail} tokens). Shorten the topic, the tone or the readers, ask for fewer ideas, or raise the context size in the model manager.</source>
        <translation>요청이 이 모델의 컨텍스트에 비해 너무 깁니다({detail} 토큰). 주제, 어조, 독자 설명을 줄이거나 아이디어 개수를 줄이거나, 모델 관리자에서 컨텍스트 크기를 늘리세요.</translation>
    </message>
    <message>
        <source>The model file was not found: {detail}. Choose another model file.</source>
        <translation>모델 파일을 찾을 수 없습니다: {detail}. 다른 모델 파일을 선택하세요.</translation>
    </message>
    <message>
        <source>The model file cannot be read: {detail}. Check its permissions or choose another.</source>
        <translation>모델 파일을 읽을 수 없습니다: {detail}. 권한을 확인하거나 다른 파일을 선택하세요.</translation>
    </message>
    <message>
        <source>This file is not a GGUF model: {detail}. Choose a .gguf model file.</source>
        <translation>GGUF 모델 파일이 아닙니다: {detail}. .gguf 모델 파일을 선택하세요.</translation>
    </message>
    <message>
        <source>The model could not be loaded: {detail}. The file may be damaged or too new for this version; try another model.</source>
        <translation>모델을 불러오지 못했습니다: {detail}. 파일이 손상되었거나 이 버전에서 지원하지 않는 모델일 수 있습니다. 다른 모델을 사용해 보세요.</translation>
    </message>
    <message>
        <source>The model file {detail} is incomplete or damaged, so it cannot be used. Download it again, or choose another file.</source>
        <translation>모델 파일 {detail}이(가) 완전하지 않거나 손상되어 사용할 수 없습니다. 다시 다운로드하거나 다른 파일을 고르세요.</translation>
    </message>
    <message>
        <source>This model needs a newer BlogIdeas ({detail}): its kind is too new for the engine in this version. Update BlogIdeas, or choose a model from the model manager.</source>
        <translation>이 모델은 더 새로운 BlogIdeas가 필요합니다({detail}). 이 버전의 엔진이 아직 모르는 종류의 모델입니다. BlogIdeas를 업데이트하거나 모델 관리자에서 다른 모델을 고르세요.</translation>
    </message>
    <message>
        <source>{detail} is already being downloaded (in another BlogIdeas window or command). Wait for that download to finish; it appears in the model list when it is done.</source>
        <translation>{detail}은(는) 이미 다른 BlogIdeas 창이나 명령에서 다운로드 중입니다. 그 다운로드가 끝날 때까지 기다리세요. 끝나면 모델 목록에 나타납니다.</translation>
    </message>
    <message>
        <source>Not enough memory for this model ({detail}). Close other programs or pick a smaller model.</source>
        <translation>이 모델을 실행할 메모리가 부족합니다({detail}). 다른 프로그램을 닫거나 더 작은 모델을 고르세요.</translation>
    </message>
    <message>
        <source>The {detail} engine is not installed. Reinstall BlogIdeas.</source>
        <translation>{detail} 엔진이 설치되어 있지 않습니다. BlogIdeas를 다시 설치하세요.</translation>
    </message>
    <message>
        <source>Not enough free disk space ({detail}). Free some space or remove a model you no longer use.</source>
        <translation>디스크 공간이 부족합니다({detail}). 공간을 확보하거나 쓰지 않는 모델을 삭제하세요.</translation>
    </message>
    <message>
        <source>The downloaded file was damaged ({detail}) and has been deleted. Download it again.</source>
        <translation>받은 파일이 손상되어({detail}) 삭제했습니다. 다시 다운로드하세요.</translation>
    </message>
    <message>
        <source>No such model: {detail}. Check the name, or pick one from the model list.</source>
        <translation>해당 모델이 없습니다: {detail}. 이름을 확인하거나 모델 목록에서 고르세요.</translation>
    </message>
    <message>
        <source>This model needs a Hugging Face login ({detail}). Set HF_TOKEN or choose a model from the catalog.</source>
        <translation>이 모델은 Hugging Face 로그인이 필요합니다({detail}). HF_TOKEN을 설정하거나 목록의 모델을 고르세요.</translation>
    </message>
    <message>
        <source>A model named {detail} is already installed. Remove it first or rename your file.</source>
        <translation>{detail} 이름의 모델이 이미 설치되어 있습니다. 먼저 삭제하거나 파일 이름을 바꾸세요.</translation>
    </message>
    <message>
        <source>Cannot write the file {detail}. Choose another folder or name.</source>
        <translation>파일을 쓸 수 없습니다: {detail}. 다른 폴더나 이름을 고르세요.</translation>
    </message>
    <message>
        <source>There is no history entry “{detail}”. See the ids with: blogideas history list</source>
        <translation>기록 “{detail}”이(가) 없습니다. 번호는 blogideas history list 로 확인하세요.</translation>
    </message>
    <message>
        <source>This month's OpenAI spending has reached your monthly limit ({detail}), so OpenAI requests are paused. They resume on the 1st of next month, or now if you raise the limit in Settings. The free local model still works.</source>
        <translation>이번 달 OpenAI 사용 금액이 월 한도에 도달해({detail}) OpenAI 요청을 멈췄습니다. 다음 달 1일에 다시 사용할 수 있으며, 설정에서 한도를 올리면 바로 사용할 수 있습니다. 무료 로컬 모델은 계속 사용할 수 있습니다.</translation>
    </message>
    <message>
        <source>The settings file was damaged, so it was set aside as {detail} and the default settings are used. Choose your settings again; your history and models are not affected.</source>
        <translation>설정 파일이 손상되어 {detail}(으)로 옮겨 두고 기본 설정을 사용합니다. 설정을 다시 선택하세요. 기록과 모델은 그대로 있습니다.</translation>
    </message>
    <message>
        <source>This computer has no system keychain, so your OpenAI key is saved in a file only your user account can read ({detail}). Anyone who can sign in as you could read it; remove the key in Settings when you no longer need it.</source>
        <translation>이 컴퓨터에는 시스템 키체인이 없어 OpenAI 키를 내 사용자 계정만 읽을 수 있는 파일({detail})에 저장했습니다. 내 계정으로 로그인할 수 있는 사람은 읽을 수 있으니, 더 이상 필요 없으면 설정에서 키를 삭제하세요.</translation>
    </message>
    <message>
        <source>Your history file was damaged, so it was set aside as {detail} and a new, empty history was started. The old file stays in the same folder; nothing else is affected.</source>
        <translation>기록 파일이 손상되어 {detail}(으)로 옮겨 두고 새 기록을 시작했습니다. 예전 파일은 같은 폴더에 남아 있으며, 다른 것은 영향을 받지 않습니다.</translation>
    </message>
    <message>
        <source>Your history ({detail}) was saved by a newer version of BlogIdeas, so this version leaves it untouched and keeps this session&apos;s requests only until you close it. Update BlogIdeas to see your history again.</source>
        <translation>기록({detail})이 더 새로운 버전의 BlogIdeas로 저장되어 이 버전에서는 건드리지 않습니다. 이번에 만든 요청은 앱을 닫을 때까지만 남습니다. 기록을 다시 보려면 BlogIdeas를 업데이트하세요.</translation>
    </message>
    <message>
        <source>The record of this month&apos;s OpenAI spending was damaged, so it was set aside as {detail} and counting starts again from now. Check what you have spent at platform.openai.com/usage; your monthly limit applies to new requests.</source>
        <translation>이번 달 OpenAI 사용 금액 기록이 손상되어 {detail}(으)로 옮겨 두고 지금부터 다시 계산합니다. 지금까지 쓴 금액은 platform.openai.com/usage 에서 확인하세요. 월 한도는 새 요청부터 적용됩니다.</translation>
    </message>
    <message>
        <source>The spending record ({detail}) was saved by a newer version of BlogIdeas, so this version leaves it untouched; your monthly limit counts only the requests made until you close the app. Update BlogIdeas to count the whole month again.</source>
        <translation>사용 금액 기록({detail})이 더 새로운 버전의 BlogIdeas로 저장되어 이 버전에서는 건드리지 않습니다. 월 한도는 앱을 닫을 때까지 보낸 요청만 계산합니다. 한 달 전체를 다시 계산하려면 BlogIdeas를 업데이트하세요.</translation>
    </message>
    <message>
        <source>A damaged file was set aside as {detail} and a fresh one was started; what it held has to be set again. Nothing else is affected.</source>
        <translation>손상된 파일을 {detail}(으)로 옮겨 두고 새 파일로 시작했습니다. 그 파일에 있던 내용은 다시 설정해야 하며, 다른 것은 영향을 받지 않습니다.</translation>
    </message>
    <message>
        <source>{detail} was saved by a newer version of BlogIdeas, so this version leaves it untouched and works without it; changes to it made now are not kept. Update BlogIdeas to use it again.</source>
        <translation>{detail} 파일은 더 새로운 버전의 BlogIdeas로 저장되어 이 버전에서는 건드리지 않고 그 파일 없이 작동합니다. 지금 바꾼 내용은 저장되지 않습니다. 다시 사용하려면 BlogIdeas를 업데이트하세요.</translation>
    </message>
    <message>
        <source>BlogIdeas cannot write in {detail}. Check that the folder exists and that your account may write there; until then, what you do now is not kept.</source>
        <translation>{detail} 폴더에 쓸 수 없습니다. 폴더가 있는지, 내 계정에 쓰기 권한이 있는지 확인하세요. 그때까지 지금 하는 작업은 저장되지 않습니다.</translation>
    </message>
    <message>
        <source>{detail} already exists. Choose another name, or confirm that it should be replaced (on the command line: --force).</source>
        <translation>{detail} 파일이 이미 있습니다. 다른 이름을 고르거나, 바꿔도 된다고 확인하세요(명령줄에서는 --force).</translation>
    </message>
    <message>
        <source>{detail} is inside the folders where BlogIdeas keeps its history, settings and models, so an export may not write there. Choose another folder, such as Documents.</source>
        <translation>{detail}은(는) BlogIdeas가 기록·설정·모델을 두는 폴더 안에 있어 내보낼 수 없습니다. 문서 폴더처럼 다른 폴더를 고르세요.</translation>
    </message>
    <message>
        <source>{detail} is a link, a folder or a device, not an ordinary file, so an export will not write over it. Choose another name.</source>
        <translation>{detail}은(는) 일반 파일이 아니라 링크·폴더·장치라서 내보내기로 덮어쓰지 않습니다. 다른 이름을 고르세요.</translation>
    </message>
    <message>
        <source>The server address contains a key or a password, so it was neither used nor saved. Type the address alone, for example http://192.168.0.10:11434/v1.</source>
        <translation>서버 주소에 키나 비밀번호가 들어 있어 사용하지도 저장하지도 않았습니다. 주소만 입력하세요. 예: http://192.168.0.10:11434/v1</translation>
    </message>
    <message>
        <source>The address {detail} starts with http://, so your key would travel unencrypted over the network. Use an https:// address, or a server on this computer.</source>
        <translation>{detail} 주소는 http://로 시작해 키가 암호화되지 않은 채 네트워크로 전송됩니다. https:// 주소나 이 컴퓨터에서 실행 중인 서버를 사용하세요.</translation>
    </message>
    <message>
        <source>The server at {detail} asks for a key. BlogIdeas sends your OpenAI key only to OpenAI itself, never to another server. Check that server&apos;s own settings, or use a server that needs no key.</source>
        <translation>{detail} 서버가 키를 요구합니다. BlogIdeas는 OpenAI 키를 OpenAI에만 보내고 다른 서버에는 보내지 않습니다. 그 서버의 설정을 확인하거나 키가 필요 없는 서버를 사용하세요.</translation>
    </message>
    <message>
        <source>The server is limiting how many requests your account may send ({detail}). Wait a minute, or as long as the server asks, and try again; new accounts have low limits per minute.</source>
        <translation>서버가 계정의 요청 횟수를 제한하고 있습니다({detail}). 1분쯤, 또는 서버가 요청한 시간만큼 기다린 뒤 다시 시도하세요. 새 계정은 분당 요청 한도가 낮습니다.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong. Try again; details are in the log file.</source>
        <translation>예기치 않은 문제가 생겼습니다. 다시 시도하세요. 자세한 내용은 로그 파일에 있습니다.</translation>
    </message>
    <message>
        <source>The server address cannot be used: type it whole, starting with http:// or https://, for example http://192.168.0.10:11434/v1.</source>
        <translation>서버 주소를 쓸 수 없습니다. http:// 또는 https://로 시작하는 주소 전체를 입력하세요. 예: http://192.168.0.10:11434/v1</translation>
    </message>
    <message>
        <source>The address {host} answered with a web page{title} instead of an answer: it is not an OpenAI-compatible server's address, or a proxy or the sign-in page of a public Wi-Fi network answered in its place. Check the server address (it usually ends in /v1), or open a web page in your browser to sign in to the network.</source>
        <translation>{host} 주소가 답 대신 웹 페이지{title}를 보냈습니다. OpenAI 호환 서버의 주소가 아니거나, 프록시 또는 공용 와이파이의 로그인 페이지가 대신 답한 것입니다. 서버 주소를 확인하거나(보통 /v1로 끝납니다), 브라우저에서 웹 페이지를 열어 네트워크에 로그인하세요.</translation>
    </message>
    <message>
        <source>The server at {host} answered, but not as an OpenAI-compatible server does, so there is nothing BlogIdeas can read. Check that the address is the server's own (it usually ends in /v1) and that the server is OpenAI-compatible.</source>
        <translation>{host} 서버가 답했지만 OpenAI 호환 서버의 방식이 아니어서 BlogIdeas가 읽을 수 있는 내용이 없습니다. 주소가 그 서버의 주소가 맞는지(보통 /v1로 끝납니다), 서버가 OpenAI 호환인지 확인하세요.</translation>
    </message>
    <message>
        <source>The server at {host} stopped in the middle of its answer; what had arrived is kept. The server may have restarted or run out of memory: try again, or check the server.</source>
        <translation>{host} 서버가 답을 보내다가 중간에 멈췄습니다. 그때까지 받은 내용은 남겨 두었습니다. 서버가 다시 시작되었거나 메모리가 부족했을 수 있습니다. 다시 시도하거나 서버 상태를 확인하세요.</translation>
    </message>
    <message>
        <source>The server at {host} sent lines BlogIdeas cannot read (not JSON, or not in OpenAI&apos;s shape) in the middle of its answer; what had arrived is kept. Something between you and the server (a proxy) may be changing what it sends: check the server address, or try again.</source>
        <translation>{host} 서버가 답을 보내는 도중에 읽을 수 없는 줄(JSON이 아니거나 OpenAI 형식이 아닌 줄)을 보내서 나머지를 읽을 수 없습니다. 그때까지 받은 내용은 남겨 두었습니다. 서버와의 사이에 있는 무언가(프록시)가 내용을 바꾸고 있을 수 있습니다. 서버 주소를 확인하거나 다시 시도하세요.</translation>
    </message>
    <message>
        <source>“{text}” holds bytes that are not UTF-8 text (shown as �), so it was not used. Set the terminal's character set to UTF-8, or type the text again.</source>
        <translation>“{text}”에 UTF-8 글자가 아닌 바이트가 있어서(�로 표시) 쓰지 않았습니다. 터미널의 문자 인코딩을 UTF-8로 바꾸거나 글을 다시 입력하세요.</translation>
    </message>
</context>
<context>
    <name>Expansion</name>
    <message>
        <source>Outline</source>
        <translation>개요</translation>
    </message>
    <message>
        <source>First draft</source>
        <translation>초안</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Favourite ideas</source>
        <translation>즐겨찾기한 아이디어</translation>
    </message>
    <message>
        <source>From “{topic}”, {date}</source>
        <translation>“{topic}”에서, {date}</translation>
    </message>
    <message>
        <source>This answer was cut off before it ended.</source>
        <translation>이 답변은 끝나기 전에 중단되었습니다.</translation>
    </message>
    <message>
        <source>This request failed: {error}</source>
        <translation>이 요청은 실패했습니다: {error}</translation>
    </message>
    <message>
        <source>This answer was stopped before it ended.</source>
        <translation>이 답변은 끝나기 전에 멈췄습니다.</translation>
    </message>
</context>
<context>
    <name>PresetLength</name>
    <message>
        <source>Short</source>
        <translation>짧게</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>보통</translation>
    </message>
    <message>
        <source>Long</source>
        <translation>길게</translation>
    </message>
</context>
<context>
    <name>PresetPlatform</name>
    <message>
        <source>Naver blog</source>
        <translation>네이버 블로그</translation>
    </message>
    <message>
        <source>Tistory</source>
        <translation>티스토리</translation>
    </message>
    <message>
        <source>Velog</source>
        <translation>벨로그</translation>
    </message>
    <message>
        <source>Brunch</source>
        <translation>브런치</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>미디엄</translation>
    </message>
    <message>
        <source>Personal blog</source>
        <translation>개인 블로그</translation>
    </message>
</context>
<context>
    <name>SpeedText</name>
    <message>
        <source>about {n} s</source>
        <translation>약 {n}초</translation>
    </message>
    <message>
        <source>about {m} min {s} s</source>
        <translation>약 {m}분 {s}초</translation>
    </message>
    <message>
        <source>about {n} min</source>
        <translation>약 {n}분</translation>
    </message>
    <message>
        <source>About {n} words a second here · a five-idea answer in {wait}</source>
        <translation>이 컴퓨터에서 1초에 약 {n}단어 · 아이디어 다섯 개에 {wait}</translation>
    </message>
    <message>
        <source>slower than reading</source>
        <translation>읽는 속도보다 느림</translation>
    </message>
</context>
<context>
    <name>SpeedBox</name>
    <message>
        <source>Measure again</source>
        <translation>다시 측정</translation>
    </message>
    <message>
        <source>Runs the small built-in model for a few seconds.</source>
        <translation>내장된 작은 모델을 몇 초 동안 실행합니다.</translation>
    </message>
    <message>
        <source>Measuring how fast this computer writes (a few seconds)…</source>
        <translation>이 컴퓨터가 얼마나 빨리 쓰는지 측정하는 중입니다(몇 초)…</translation>
    </message>
    <message>
        <source>Speeds are not measured yet.</source>
        <translation>속도를 아직 측정하지 않았습니다.</translation>
    </message>
    <message>
        <source>Speeds are predicted from a measurement on {date} (the built-in model wrote {n} tokens a second).</source>
        <translation>속도는 {date}의 측정으로 예상한 값입니다(내장 모델이 1초에 토큰 {n}개를 썼습니다).</translation>
    </message>
    <message>
        <source>The computer was busy at the last measurement; the last good measurement is kept.</source>
        <translation>마지막 측정 때 컴퓨터가 바빴습니다. 마지막으로 제대로 잰 값을 그대로 씁니다.</translation>
    </message>
</context>
<context>
    <name>ModelOffer</name>
    <message>
        <source>Checking which better model suits this computer…</source>
        <translation>이 컴퓨터에 맞는 더 좋은 모델을 찾는 중입니다…</translation>
    </message>
    <message>
        <source>On this computer the starter model is the best fit: larger models would not fit its memory well or would write too slowly.</source>
        <translation>이 컴퓨터에는 기본 모델이 가장 잘 맞습니다. 더 큰 모델은 메모리에 잘 맞지 않거나 너무 느리게 씁니다.</translation>
    </message>
    <message>
        <source>For better ideas, this computer can run {name} ({size} download). It downloads here, and BlogIdeas switches to it when it is ready.</source>
        <translation>더 좋은 아이디어를 원하면 이 컴퓨터에서 {name}({size} 다운로드)을(를) 쓸 수 있습니다. 여기서 바로 받고, 준비되면 BlogIdeas가 이 모델로 바꿉니다.</translation>
    </message>
    <message>
        <source>{name} is ready: BlogIdeas will write with it.</source>
        <translation>{name} 준비 완료: 이제 이 모델로 씁니다.</translation>
    </message>
    <message>
        <source>Second choice: {name} ({size} download) is faster, a five-idea answer in {wait}, but it writes less well. It is in the model manager.</source>
        <translation>두 번째 선택: {name}({size} 다운로드)은(는) 더 빨라서 아이디어 다섯 개를 {wait}에 쓰지만, 글 솜씨는 떨어집니다. 모델 관리자에서 받을 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>LanguageNotice</name>
    <message>
        <source>Write in English</source>
        <translation>영어로 쓰기</translation>
    </message>
    <message>
        <source>The built-in starter model</source>
        <translation>내장된 기본 모델</translation>
    </message>
    <message>
        <source>{model} cannot write good Korean: ideas in Korean would come out as nonsense.</source>
        <translation>{model}은(는) 한국어를 제대로 쓰지 못합니다. 한국어로 만들면 엉뚱한 글이 나옵니다.</translation>
    </message>
    <message>
        <source>Get {name}, which writes Korean well on this computer, or write in English.</source>
        <translation>이 컴퓨터에서 한국어를 잘 쓰는 {name}을(를) 받거나, 영어로 쓰세요.</translation>
    </message>
    <message>
        <source>Get {name} ({size})</source>
        <translation>{name} 받기 ({size})</translation>
    </message>
    <message>
        <source>Write in English, or use OpenAI (Settings).</source>
        <translation>영어로 쓰거나 OpenAI를 사용하세요(설정).</translation>
    </message>
    <message>
        <source>{model} is a base model, not made to follow instructions: its ideas may repeat the request or miss the topic.</source>
        <translation>{model}은(는) 지시를 따르도록 만들어지지 않은 베이스 모델입니다. 아이디어가 요청을 되풀이하거나 주제에서 벗어날 수 있습니다.</translation>
    </message>
    <message>
        <source>Get {name}, which is made to follow instructions.</source>
        <translation>지시를 따르도록 만들어진 {name}을(를) 받으세요.</translation>
    </message>
</context>
<context>
    <name>MenuEntryOffer</name>
    <message>
        <source>Add BlogIdeas to your applications menu, so you can start it from there instead of opening this folder?</source>
        <translation>BlogIdeas를 프로그램 메뉴에 넣을까요? 다음부터 이 폴더를 열지 않고 메뉴에서 바로 실행할 수 있습니다.</translation>
    </message>
    <message>
        <source>Add to the menu</source>
        <translation>메뉴에 넣기</translation>
    </message>
    <message>
        <source>No, thanks</source>
        <translation>괜찮습니다</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>BlogIdeas is now in your applications menu.</source>
        <translation>이제 프로그램 메뉴에서 BlogIdeas를 실행할 수 있습니다.</translation>
    </message>
</context>
</TS>
